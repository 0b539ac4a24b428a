// The kernel's message handler, free of sockets: it takes a verified request from the shell or control
// channel and answers through KernelChannels (replies on the request's channel, outputs and busy/idle on
// iopub). Shell requests are handled one at a time by the caller; control requests (interrupt, shutdown)
// may arrive while a cell runs.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CellEvaluator } from '../runtime/session/evaluate/index.ts';
import type { KernelChannels } from './kernel-channels.ts';
import { CellOutput } from './cell-output.ts';
import { KernelDisplayTarget } from './kernel-display-target.ts';
import { CellExecutor } from './cell-executor.ts';
import { kernelInfo } from './kernel-info.ts';
import { makeMessage, type JupyterMessage } from './wire-message.ts';

export interface MessageHandlerOptions {
  readonly channels: KernelChannels;
  /** Where imports of cells resolve from (default process.cwd()). */
  readonly cwd?: string;
  /** Called after the shutdown_reply went out; the kernel closes its sockets and exits. */
  readonly onShutdown?: (restart: boolean) => void;
  /** The kernel's own log (default: stderr). */
  readonly log?: (text: string) => void;
}

type Channel = 'shell' | 'control';

/** This checkout: cells anywhere can import 'rivulet' (and its dependencies) from it. */
const RIVULET_ROOT = fileURLToPath(new URL('..', import.meta.url));
type Content = Record<string, unknown>;

export class MessageHandler {
  readonly session = randomUUID();
  readonly output: CellOutput;
  readonly display: KernelDisplayTarget;
  readonly evaluator: CellEvaluator;
  readonly executor: CellExecutor;
  private readonly channels: KernelChannels;
  private readonly log: (text: string) => void;
  private readonly onShutdown: (restart: boolean) => void;
  /** A cell failed with stop_on_error: execute requests queued behind it are aborted, not run. */
  private aborting = false;

  constructor(opts: MessageHandlerOptions) {
    this.channels = opts.channels;
    this.log = opts.log ?? ((text) => void process.stderr.write(text));
    this.onShutdown = opts.onShutdown ?? (() => {});
    this.output = new CellOutput(this.channels, this.session, this.log);
    this.display = new KernelDisplayTarget(this.output);
    this.evaluator = new CellEvaluator({ ...(opts.cwd === undefined ? {} : { cwd: opts.cwd }), fallbackDirs: [RIVULET_ROOT] });
    this.executor = new CellExecutor(this.evaluator, this.output, this.display);
  }

  /** Announces the kernel on iopub (status "starting"). */
  starting(): void {
    this.output.publishTo(null, 'status', { execution_state: 'starting' });
  }

  /** Handles one request: busy on iopub, the reply, idle. Never throws. */
  async handle(channel: Channel, request: JupyterMessage): Promise<void> {
    const type = request.header.msg_type;
    this.output.publishTo(request, 'status', { execution_state: 'busy' });
    try {
      await this.dispatch(channel, request, type);
    } catch (e) {
      this.log(`rivulet kernel: ${type} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      const replyType = type.endsWith('_request') ? type.replace(/_request$/, '_reply') : null;
      if (replyType !== null) {
        const ename = e instanceof Error ? e.name : 'Error';
        const evalue = e instanceof Error ? e.message : String(e);
        this.reply(channel, request, replyType, { status: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`] });
      }
    } finally {
      this.output.publishTo(request, 'status', { execution_state: 'idle' });
    }
  }

  /** The shell channel has no more requests waiting: after a failed cell, requests run again from now on. */
  shellDrained(): void {
    this.aborting = false;
  }

  /** Interrupts the running cell and stops every running stream (interrupt_request, or SIGINT). */
  interrupt(): void {
    this.executor.interrupt();
  }

  private async dispatch(channel: Channel, request: JupyterMessage, type: string): Promise<void> {
    const c = request.content;
    switch (type) {
      case 'kernel_info_request':
        return this.reply(channel, request, 'kernel_info_reply', kernelInfo());
      case 'execute_request':
        return this.reply(channel, request, 'execute_reply', await this.execute(request));
      case 'complete_request':
        return this.reply(channel, request, 'complete_reply', this.complete(c));
      case 'inspect_request':
        return this.reply(channel, request, 'inspect_reply', this.inspect(c));
      case 'is_complete_request':
        return this.reply(channel, request, 'is_complete_reply', this.isComplete(c));
      case 'comm_info_request':
        return this.reply(channel, request, 'comm_info_reply', { status: 'ok', comms: {} });
      case 'history_request':
        return this.reply(channel, request, 'history_reply', { status: 'ok', history: [] });
      case 'interrupt_request':
        this.interrupt();
        return this.reply(channel, request, 'interrupt_reply', { status: 'ok' });
      case 'shutdown_request': {
        const restart = c.restart === true;
        this.interrupt();
        this.reply(channel, request, 'shutdown_reply', { status: 'ok', restart });
        this.onShutdown(restart);
        return;
      }
      case 'comm_open':
      case 'comm_msg':
      case 'comm_close':
        return; // No comm targets: messages to them are dropped, as Jupyter allows.
      default:
        this.log(`rivulet kernel: unknown message type "${type}" ignored\n`);
    }
  }

  /** Runs a cell, unless an earlier failed cell stopped the queue it waited in (Jupyter's stop_on_error). */
  private async execute(request: JupyterMessage): Promise<Content> {
    if (this.aborting) return { status: 'aborted', execution_count: null, user_expressions: {}, payload: [] };
    const reply = await this.executor.execute(request);
    if (reply.status === 'error' && request.content.stop_on_error !== false) this.aborting = true;
    return reply;
  }

  private complete(c: Content): Content {
    const code = typeof c.code === 'string' ? c.code : '';
    const pos = cursor(c.cursor_pos, code);
    const r = this.evaluator.complete(code, pos);
    return { status: 'ok', matches: r.matches, cursor_start: r.cursorStart, cursor_end: r.cursorEnd, metadata: {} };
  }

  private inspect(c: Content): Content {
    const code = typeof c.code === 'string' ? c.code : '';
    const text = this.evaluator.inspect(code, cursor(c.cursor_pos, code));
    return text === null ? { status: 'ok', found: false, data: {}, metadata: {} } : { status: 'ok', found: true, data: { 'text/plain': text }, metadata: {} };
  }

  private isComplete(c: Content): Content {
    const status = this.evaluator.isComplete(typeof c.code === 'string' ? c.code : '');
    return status === 'incomplete' ? { status, indent: '' } : { status };
  }

  private reply(channel: Channel, request: JupyterMessage, type: string, content: Content): void {
    this.channels.send(channel, makeMessage(type, content, request, this.session));
  }
}

/** Jupyter counts the cursor in code points; cells index UTF-16 units. */
function cursor(pos: unknown, code: string): number {
  if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0) return code.length;
  return [...code].slice(0, pos).join('').length;
}
