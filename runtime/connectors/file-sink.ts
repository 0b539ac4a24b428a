// The exactly-once file sinks (writeJsonl, writeCsv): one file, written by one instance, committed with each
// checkpoint (two-phase). Rows are staged in memory; when a checkpoint completes, what was staged before its
// barrier is appended to the file and fsynced. A snapshot records the file's committed length and the staged
// text, so a restore truncates the file to that length and commits the staged text: whatever happened after
// the snapshot (a crash, a kill) leaves no row twice and loses none. Without checkpointing, rows are written
// after every batch; at the end of the input, and when the job is stopped, everything staged is committed.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { Batch, RowKind } from '../exec/batch.ts';
import type { Operator, OperatorContext } from '../exec/operator.ts';
import { RivuletError } from '../errors/rivulet-error.ts';

/** Turns rows into the file's text: a header (once, for a new file) and one line per row. */
export interface LineFormat {
  header(firstRow: unknown): string;
  line(row: unknown, kind: RowKind | null): string;
}

interface SinkState {
  committedBytes: number;
  staged: string[];
  headerWritten: boolean;
}

export class FileSink implements Operator {
  private fd: number | null = null;
  /** The file has been created (or reopened by a restore) in this run: never truncate it again. */
  private started = false;
  private committedBytes = 0;
  /** Text staged per checkpoint: entries up to and including a barrier's id wait for its completion. */
  private staged: { upTo: number; text: string[] }[] = [];
  private current: string[] = [];
  private headerWritten = false;

  constructor(
    private readonly path: string,
    private readonly format: LineFormat,
    private readonly changelog: boolean,
    private readonly ctx: OperatorContext,
  ) {}

  process(b: Batch): void {
    const rows = b.rows;
    if (rows.length === 0) return;
    if (!this.headerWritten) {
      const h = this.format.header(rows[0]);
      if (h) this.current.push(h);
      this.headerWritten = true;
    }
    for (let i = 0; i < rows.length; i++) {
      const kind = this.changelog ? (b.ops === null ? '+I' : (b.ops[i] as RowKind)) : null;
      this.current.push(this.format.line(rows[i], kind));
    }
    if (!this.ctx.checkpointing) this.commitAll();
  }

  snapshotState(checkpointId: number): SinkState {
    this.staged.push({ upTo: checkpointId, text: this.current });
    this.current = [];
    return { committedBytes: this.committed(), staged: this.staged.flatMap((s) => s.text), headerWritten: this.headerWritten };
  }

  restoreState(states: unknown[]): void {
    const s = states[0] as SinkState | undefined;
    if (s === undefined) return;
    this.fd = this.openExisting(s.committedBytes);
    this.started = true;
    this.committedBytes = s.committedBytes;
    this.headerWritten = s.headerWritten;
    this.append(s.staged);
  }

  notifyCheckpointComplete(id: number): void {
    const due = this.staged.filter((s) => s.upTo <= id);
    if (due.length === 0) return;
    this.staged = this.staged.filter((s) => s.upTo > id);
    this.append(due.flatMap((s) => s.text));
  }

  finish(): void {
    this.commitAll();
    this.close();
    this.ctx.out.end();
  }

  onStop(): void {
    this.commitAll();
    this.close();
  }

  private commitAll(): void {
    const text = [...this.staged.flatMap((s) => s.text), ...this.current];
    this.staged = [];
    this.current = [];
    this.append(text);
  }

  private committed(): number {
    if (!this.started) this.open();
    return this.committedBytes;
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    this.fd = openSync(this.path, this.started ? 'r+' : 'w');
    if (!this.started) this.committedBytes = 0;
    this.started = true;
    return this.fd;
  }

  private openExisting(length: number): number {
    const problem = (p: string) => new RivuletError('SINK_FILE_CHANGED', { path: this.path, problem: p });
    if (!existsSync(this.path)) {
      if (length > 0) throw problem(`is missing (the snapshot had committed ${length} bytes to it)`);
      return openSync(this.path, 'w');
    }
    const fd = openSync(this.path, 'r+');
    const size = fstatSync(fd).size;
    if (size < length) {
      closeSync(fd);
      throw problem(`has ${size} bytes, fewer than the ${length} the snapshot had committed`);
    }
    ftruncateSync(fd, length);
    return fd;
  }

  private append(lines: string[]): void {
    if (lines.length === 0) return;
    const fd = this.open();
    const data = Buffer.from(lines.join('\n') + '\n');
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off, this.committedBytes + off);
    fsyncSync(fd);
    this.committedBytes += data.length;
  }

  private close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export const jsonlFormat: LineFormat = {
  header: () => '',
  line: (row, kind) => {
    const value = kind === null ? row : typeof row === 'object' && row !== null && !Array.isArray(row) ? { op: kind, ...row } : { op: kind, value: row };
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  },
};
