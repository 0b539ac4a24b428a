// The seam between the message handler and the sockets: the handler only ever calls send(channel, msg).
// The kernel's sockets implement it over zeromq; unit tests implement it with an in-memory list.
import type { JupyterMessage } from './wire-message.ts';

export type OutChannel = 'shell' | 'control' | 'iopub' | 'stdin';

export interface KernelChannels {
  send(channel: OutChannel, msg: JupyterMessage): void;
}
