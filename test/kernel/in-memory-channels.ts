// The message handler's own seam for tests: KernelChannels as an in-memory list of what was sent, and
// requests made as a Jupyter client makes them.
import { randomUUID } from 'node:crypto';
import type { KernelChannels, OutChannel } from '../../kernel/kernel-channels.ts';
import { makeHeader, type JupyterMessage } from '../../kernel/wire-message.ts';

export interface Sent {
  readonly channel: OutChannel;
  readonly msg: JupyterMessage;
}

export class InMemoryChannels implements KernelChannels {
  readonly sent: Sent[] = [];

  send(channel: OutChannel, msg: JupyterMessage): void {
    this.sent.push({ channel, msg });
  }

  /** iopub messages answering `request` (or all of them), as [msg_type, content]. */
  iopub(request?: JupyterMessage): [string, Record<string, unknown>][] {
    return this.sent
      .filter((s) => s.channel === 'iopub' && (request === undefined || (s.msg.parentHeader as { msg_id?: string }).msg_id === request.header.msg_id))
      .map((s) => [s.msg.header.msg_type, s.msg.content]);
  }

  /** The reply to `request`. */
  reply(request: JupyterMessage): JupyterMessage | undefined {
    return this.sent.find((s) => s.channel !== 'iopub' && (s.msg.parentHeader as { msg_id?: string }).msg_id === request.header.msg_id)?.msg;
  }
}

const clientSession = randomUUID();

export function request(msgType: string, content: Record<string, unknown> = {}): JupyterMessage {
  return {
    identities: [Buffer.from('client')],
    header: makeHeader(msgType, clientSession),
    parentHeader: {},
    metadata: {},
    content,
    buffers: [],
  };
}

/** Polls `check` until it holds (no fixed sleeps); throws with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
