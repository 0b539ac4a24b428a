// A batch as it crosses threads: rows as columns when they are flat objects of one shape (row-columns.ts), the
// event-time and watermark columns as Float64Array buffers that are transferred, not copied, and the changelog
// kinds as one byte per row. bench/threads/batch-transfer.ts measures this against structured clone.
import { batchOf, type Batch, type RowKind } from '../batch.ts';
import { rowsFromWire, rowsToWire, type WireRows } from './row-columns.ts';

export interface WireBatch {
  readonly rows: WireRows;
  readonly ts: Float64Array | null;
  readonly wm: Float64Array | null;
  readonly ops: Uint8Array | null;
  readonly wmEnd: number;
  readonly idle: boolean;
}

const KINDS: RowKind[] = ['+I', '-U', '+U', '-D'];
const CODE: Record<RowKind, number> = { '+I': 0, '-U': 1, '+U': 2, '-D': 3 };

/** The wire form of `b` and the buffers to transfer with it. */
export function toWire(b: Batch): { wire: WireBatch; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const ts = b.ts === null ? null : new Float64Array(b.ts);
  const wm = b.wm === null ? null : new Float64Array(b.wm);
  let ops: Uint8Array | null = null;
  if (b.ops !== null) {
    const src = b.ops;
    ops = new Uint8Array(src.length);
    for (let i = 0; i < src.length; i++) ops[i] = CODE[src[i] as RowKind];
  }
  for (const col of [ts, wm, ops]) if (col !== null) transfer.push(col.buffer as ArrayBuffer);
  const rows = rowsToWire(b.rows, transfer);
  return { wire: { rows, ts, wm, ops, wmEnd: b.wmEnd, idle: b.idle }, transfer };
}

/** The batch again, with plain-array columns as operators expect. */
export function fromWire(w: WireBatch): Batch {
  let ops: RowKind[] | null = null;
  if (w.ops !== null) {
    const src = w.ops;
    ops = new Array<RowKind>(src.length);
    for (let i = 0; i < src.length; i++) ops[i] = KINDS[src[i] as number] as RowKind;
  }
  return batchOf(rowsFromWire(w.rows), w.wmEnd, w.ts === null ? null : toArray(w.ts), w.wm === null ? null : toArray(w.wm), ops, w.idle);
}

function toArray(a: Float64Array): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] as number;
  return out;
}
