// The kernel's five zeromq sockets: shell and control (Router), iopub (Publisher), stdin (Router) and the
// heartbeat (Reply, echoing). Every received message is checked against its HMAC signature before anything
// else: a bad one is logged to stderr and dropped, never handled. Sends go through one queue per socket,
// since a zeromq socket allows one send in flight.
import * as zmq from 'zeromq';
import type { ConnectionInfo } from './connection-file.ts';
import { endpoint } from './connection-file.ts';
import type { KernelChannels, OutChannel } from './kernel-channels.ts';
import { MessageSigner } from './message-signer.ts';
import { decodeMessage, encodeMessage, type JupyterMessage } from './wire-message.ts';

type Handler = (msg: JupyterMessage) => Promise<void>;
type Sendable = zmq.Router | zmq.Publisher;

export class KernelSockets implements KernelChannels {
  private readonly shell = new zmq.Router();
  private readonly control = new zmq.Router();
  private readonly iopub = new zmq.Publisher();
  private readonly stdin = new zmq.Router();
  private readonly hb = new zmq.Reply();
  private readonly queues = new Map<Sendable, Promise<void>>();
  private readonly signer: MessageSigner;
  private closed = false;

  constructor(
    private readonly info: ConnectionInfo,
    private readonly log: (text: string) => void,
  ) {
    this.signer = new MessageSigner(info.key);
  }

  async bind(): Promise<void> {
    await Promise.all([
      this.shell.bind(endpoint(this.info, 'shell')),
      this.control.bind(endpoint(this.info, 'control')),
      this.iopub.bind(endpoint(this.info, 'iopub')),
      this.stdin.bind(endpoint(this.info, 'stdin')),
      this.hb.bind(endpoint(this.info, 'hb')),
    ]);
  }

  /** Starts receiving: shell and control each hand their requests, one at a time, to their handler. */
  listen(onShell: Handler, onControl: Handler, onShellDrained: () => void): void {
    void this.receive('shell', this.shell, onShell, onShellDrained);
    void this.receive('control', this.control, onControl);
    void this.receive('stdin', this.stdin, async () => {});
    void this.heartbeat();
  }

  send(channel: OutChannel, msg: JupyterMessage): void {
    if (this.closed) return;
    const socket = { shell: this.shell, control: this.control, iopub: this.iopub, stdin: this.stdin }[channel];
    const frames = encodeMessage(msg, this.signer);
    const previous = this.queues.get(socket) ?? Promise.resolve();
    const next = previous
      .then(() => (this.closed ? undefined : socket.send(frames)))
      .catch((e: unknown) => this.log(`rivulet kernel: could not send ${msg.header.msg_type} on ${channel}: ${String(e)}\n`));
    this.queues.set(socket, next);
  }

  /** Resolves once everything queued so far is sent. */
  async drain(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [this.shell, this.control, this.iopub, this.stdin, this.hb]) {
      try {
        s.linger = 200;
        s.close();
      } catch {
        // already closed
      }
    }
  }

  /** Hands each verified message to `handle`, one at a time; `drained` when no further one is waiting. */
  private async receive(name: string, socket: zmq.Router, handle: Handler, drained?: () => void): Promise<void> {
    try {
      for await (const frames of socket) {
        const decoded = decodeMessage(frames, this.signer);
        if (!decoded.ok) {
          this.log(`rivulet kernel: rejected a message on ${name}: ${decoded.reason}\n`);
          continue;
        }
        await handle(decoded.message);
        if (!socket.readable) drained?.();
      }
    } catch (e) {
      if (!this.closed) this.log(`rivulet kernel: the ${name} channel stopped: ${String(e)}\n`);
    }
  }

  private async heartbeat(): Promise<void> {
    try {
      for await (const frames of this.hb) await this.hb.send(frames);
    } catch (e) {
      if (!this.closed) this.log(`rivulet kernel: the heartbeat stopped: ${String(e)}\n`);
    }
  }
}
