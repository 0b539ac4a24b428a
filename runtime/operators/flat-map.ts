// flatMap: zero or more output rows per input row. The function returns an iterable (an array) or, as in
// Flink, pushes rows into the collector it gets as second argument.
import { batchOf, type Batch, type RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { flatMapLoop, type FlatMapLoop } from './specialised-loop.ts';

export interface Collector<T> {
  collect(row: T): void;
}

export type FlatMapFunction<T, R> = (row: T, out: Collector<R>) => Iterable<R> | void | undefined;

export class FlatMapOperator implements Operator {
  private rows: unknown[] = [];
  private readonly collector: Collector<unknown> = { collect: (r) => this.rows.push(r) };
  /** This instance's own loop, so V8 can inline the function into it (see specialised-loop.ts). */
  private readonly loop: FlatMapLoop;
  /** How many rows each input row gave, in the current batch. */
  private counts = new Int32Array(1024);

  constructor(
    fn: FlatMapFunction<any, unknown>,
    private readonly out: Output,
  ) {
    this.loop = flatMapLoop(fn);
  }

  process(b: Batch): void {
    const input = b.rows;
    const n = input.length;
    if (n === 0) return this.out.push(b);
    const counts = this.counts.length >= n ? this.counts : (this.counts = new Int32Array(n * 2));
    const rows: unknown[] = (this.rows = []);
    this.loop(input, rows, this.collector, counts);
    this.out.push(b.ts === null && b.wm === null && b.ops === null ? batchOf(rows, b.wmEnd, null, null, null, b.idle) : repeated(b, rows, counts));
  }

  finish(): void {
    this.out.end();
  }
}

/** The output rows with each input row's column values repeated once per row it gave. */
function repeated(b: Batch, rows: unknown[], counts: Int32Array): Batch {
  const n = b.rows.length;
  const ts = b.ts === null ? null : ([] as number[]);
  const wm = b.wm === null ? null : ([] as number[]);
  const ops = b.ops === null ? null : ([] as RowKind[]);
  for (let i = 0; i < n; i++) {
    for (let k = counts[i] as number; k > 0; k--) {
      if (ts !== null) ts.push((b.ts as number[])[i] as number);
      if (wm !== null) wm.push((b.wm as number[])[i] as number);
      if (ops !== null) ops.push((b.ops as RowKind[])[i] as RowKind);
    }
  }
  return batchOf(rows, b.wmEnd, ts, wm, ops, b.idle);
}
