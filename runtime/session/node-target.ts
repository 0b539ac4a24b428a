// The display target for plain Node (scripts, `npx tsx pipeline.ts`): prints the "text/plain" rendering to
// stdout, sparingly. A live view is printed at most once every `minIntervalMs` (1 s on a terminal, where it
// is redrawn in place when nothing else was printed since; 10 s when stdout is a file or a pipe, where each
// print is appended), and always when the update is final (the stream ended, paused or stopped).
import type { DisplayHints, DisplayTarget, MimeBundle } from './display-target.ts';

export interface NodeTargetOptions {
  /** Where text goes (default process.stdout). */
  write?: (text: string) => void;
  /** Redraw in place (default: whether stdout is a terminal). */
  tty?: boolean;
  /** Least time between two prints of one display, except final ones (default 1000 on a terminal, else 10000). */
  minIntervalMs?: number;
  /** Wall time in ms (default Date.now). */
  now?: () => number;
  /** Terminal width in columns, to count wrapped lines when redrawing (default process.stdout.columns). */
  columns?: () => number | undefined;
  /** Bytes written to stdout so far by anyone, to tell whether another output came between two redraws. */
  bytesWritten?: () => number;
}

interface Shown {
  lastAt: number;
  lastText: string | null;
  /** Terminal rows the last print took, and the stdout position right after it. */
  rows: number;
  endMark: number;
}

export class NodeDisplayTarget implements DisplayTarget {
  private readonly shown = new Map<string, Shown>();
  private readonly write: (text: string) => void;
  private readonly tty: boolean;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly columns: () => number | undefined;
  private readonly bytesWritten: () => number;

  constructor(opts: NodeTargetOptions = {}) {
    const stdout = process.stdout;
    this.write = opts.write ?? ((text) => void stdout.write(text));
    this.tty = opts.tty ?? (opts.write === undefined && stdout.isTTY === true);
    this.minIntervalMs = opts.minIntervalMs ?? (this.tty ? 1000 : 10_000);
    this.now = opts.now ?? Date.now;
    this.columns = opts.columns ?? (() => stdout.columns);
    this.bytesWritten = opts.bytesWritten ?? (opts.write === undefined ? () => stdout.bytesWritten ?? NaN : () => NaN);
  }

  /** Starts a display; its first print comes once minIntervalMs has passed, or with a final update. */
  show(bundle: MimeBundle, id: string, hints?: DisplayHints): void {
    this.shown.set(id, { lastAt: this.now(), lastText: null, rows: 0, endMark: NaN });
    if (hints?.final === true) this.print(id, bundle);
  }

  update(id: string, bundle: MimeBundle, hints?: DisplayHints): void {
    const s = this.shown.get(id);
    if (s === undefined) {
      this.show(bundle, id, hints);
      return;
    }
    if (hints?.final === true || this.now() - s.lastAt >= this.minIntervalMs) this.print(id, bundle);
  }

  private print(id: string, bundle: MimeBundle): void {
    const s = this.shown.get(id) as Shown;
    const text = textOf(bundle);
    s.lastAt = this.now();
    if (text === s.lastText) return;
    // Redraw in place only when our last print is still the last thing on the terminal.
    const inPlace = this.tty && s.lastText !== null && this.bytesWritten() === s.endMark;
    const erase = inPlace ? `\x1b[${s.rows}F\x1b[J` : '';
    this.write(erase + text + '\n');
    s.lastText = text;
    s.rows = this.rowsOf(text);
    s.endMark = this.bytesWritten();
  }

  private rowsOf(text: string): number {
    const cols = this.columns() ?? Infinity;
    let rows = 0;
    for (const line of text.split('\n')) rows += Math.max(1, Math.ceil(line.length / cols));
    return rows;
  }
}

function textOf(bundle: MimeBundle): string {
  const t = bundle['text/plain'];
  return typeof t === 'string' ? t : JSON.stringify(t) ?? '';
}
