// Where output goes: every execute_request gets a cell id, and anything produced under that id (through
// currentCell(), which follows timers, promises and running streams) is published on iopub with that
// request's header as parent, even long after the cell finished. Stream text is buffered per cell and stream
// name and flushed before any other message, so order is kept while a loop of console.logs stays a few
// messages.
import { currentCell } from '../runtime/session/evaluate/index.ts';
import type { KernelChannels } from './kernel-channels.ts';
import { makeMessage, type JupyterMessage, type MessageHeader } from './wire-message.ts';

/** Requests remembered for late output; older cells' output goes to the kernel's log instead. */
const MAX_CELLS = 1000;

interface Pending {
  cellId: string;
  name: 'stdout' | 'stderr';
  text: string;
}

export class CellOutput {
  private readonly parents = new Map<string, MessageHeader>();
  private pending: Pending | null = null;
  private flushScheduled = false;

  constructor(
    private readonly channels: KernelChannels,
    readonly session: string,
    /** Where output outside any known cell goes (the kernel's own stderr). */
    private readonly log: (text: string) => void,
  ) {}

  /** Output under `cellId` belongs to `request` from now on. */
  begin(cellId: string, request: JupyterMessage): void {
    this.parents.set(cellId, request.header);
    if (this.parents.size > MAX_CELLS) this.parents.delete(this.parents.keys().next().value as string);
  }

  /** The request header of a cell (default: the cell running now), or undefined outside any known cell. */
  parentOf(cellId: string | undefined = currentCell()): MessageHeader | undefined {
    return cellId === undefined ? undefined : this.parents.get(cellId);
  }

  /** Publishes on iopub as part of `cellId` (default: the current cell); false when no cell is known. */
  publish(msgType: string, content: Record<string, unknown>, cellId: string | undefined = currentCell()): boolean {
    const parent = this.parentOf(cellId);
    if (parent === undefined) return false;
    this.publishTo(parent, msgType, content);
    return true;
  }

  /** Publishes on iopub with an explicit parent (status, execute_input), after any buffered stream text. */
  publishTo(parent: MessageHeader | JupyterMessage | null, msgType: string, content: Record<string, unknown>): void {
    this.flush();
    const msg = makeMessage(msgType, content, parent, this.session);
    this.channels.send('iopub', { ...msg, identities: [] });
  }

  /** Text written to stdout or stderr by the current cell; false when no cell is known (caller writes it). */
  stream(name: 'stdout' | 'stderr', text: string, cellId: string | undefined = currentCell()): boolean {
    if (cellId === undefined || !this.parents.has(cellId)) return false;
    const p = this.pending;
    if (p !== null && p.cellId === cellId && p.name === name) {
      p.text += text;
    } else {
      this.flush();
      this.pending = { cellId, name, text };
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
    return true;
  }

  /** Sends buffered stream text now. */
  flush(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const parent = this.parents.get(p.cellId);
    if (parent === undefined) {
      this.log(p.text);
      return;
    }
    const msg = makeMessage('stream', { name: p.name, text: p.text }, parent, this.session);
    this.channels.send('iopub', { ...msg, identities: [] });
  }
}
