// The recording writer behind stream.record(path): one instance (arrival order is global), which turns each row
// into an event line { t, n, e } and hands the lines to the exactly-once FileSink. Lines are appended and
// fsynced after every batch (without checkpointing) or with each completed checkpoint, always as whole lines,
// so a recording cut by a crash is readable up to its last whole line; a restore rolls the file back.
import { batchOf, type Batch } from '../../exec/batch.ts';
import type { Operator, OperatorContext } from '../../exec/operator.ts';
import { FileSink, type LineFormat } from '../file-sink.ts';
import { eventLine, inferSchema, RECORDING_VERSION, toJson, type RecordingHeader } from './recording-format.ts';

/** What is known about the recorded stream when the pipeline is built. */
export interface RecordingMeta {
  readonly eventTime: boolean;
  readonly maxOutOfOrderness?: number;
  readonly generator?: string;
  readonly seed?: number;
  /** A fixed creation time for the header (default: when the first event is written). */
  readonly createdAt?: string;
}

interface RecordingSinkState {
  file: unknown;
  n: number;
  header: string;
}

/** How many records the header's schema is inferred from. */
const SCHEMA_ROWS = 100;

export class RecordingSink implements Operator {
  private readonly file: FileSink;
  private header = '';
  private n = 0;

  constructor(path: string, private readonly meta: RecordingMeta, ctx: OperatorContext) {
    const format: LineFormat = { header: () => this.header, line: (row) => row as string };
    this.file = new FileSink(path, format, false, ctx);
  }

  process(b: Batch): void {
    const rows = b.rows;
    if (rows.length === 0) return;
    if (this.header === '') this.header = this.headerLine(rows);
    const ts = this.meta.eventTime ? b.ts : null;
    const lines = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) lines[i] = eventLine(ts === null ? null : (ts[i] ?? null), this.n++, rows[i]);
    this.file.process(batchOf(lines, b.wmEnd));
  }

  private headerLine(rows: readonly unknown[]): string {
    const m = this.meta;
    const h: RecordingHeader = {
      rivulet: 'recording',
      version: RECORDING_VERSION,
      schema: inferSchema(rows.slice(0, SCHEMA_ROWS)),
      eventTime: m.eventTime,
      ...(m.maxOutOfOrderness !== undefined ? { maxOutOfOrderness: m.maxOutOfOrderness } : {}),
      ...(m.generator !== undefined ? { generator: m.generator } : {}),
      ...(m.seed !== undefined ? { seed: m.seed } : {}),
      createdAt: m.createdAt ?? new Date().toISOString(),
    };
    return toJson(h);
  }

  snapshotState(checkpointId: number): RecordingSinkState {
    return { file: this.file.snapshotState(checkpointId), n: this.n, header: this.header };
  }

  restoreState(states: unknown[]): void {
    const s = states[0] as RecordingSinkState | undefined;
    if (s === undefined) return;
    this.n = s.n;
    this.header = s.header;
    this.file.restoreState([s.file]);
  }

  notifyCheckpointComplete(id: number): void {
    this.file.notifyCheckpointComplete(id);
  }

  finish(): void {
    this.file.finish();
  }

  onStop(): void {
    this.file.onStop();
  }
}
