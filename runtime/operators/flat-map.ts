// flatMap: zero or more output rows per input row. The function returns an iterable (an array) or, as in
// Flink, pushes rows into the collector it gets as second argument.
import { batchOf, type Batch, type RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { userFunctionFailed } from './user-function-error.ts';

export interface Collector<T> {
  collect(row: T): void;
}

export type FlatMapFunction<T, R> = (row: T, out: Collector<R>) => Iterable<R> | void | undefined;

export class FlatMapOperator implements Operator {
  private rows: unknown[] = [];
  private readonly collector: Collector<unknown> = { collect: (r) => this.rows.push(r) };

  constructor(
    private readonly fn: FlatMapFunction<any, unknown>,
    private readonly out: Output,
  ) {}

  process(b: Batch): void {
    const input = b.rows;
    const n = input.length;
    if (n === 0) return this.out.push(b);
    const ts = b.ts === null ? null : ([] as number[]);
    const wm = b.wm === null ? null : ([] as number[]);
    const ops = b.ops === null ? null : ([] as RowKind[]);
    this.rows = [];
    let i = 0;
    try {
      for (; i < n; i++) {
        const before = this.rows.length;
        const result = this.fn(input[i], this.collector);
        if (result != null) for (const r of result) this.rows.push(r);
        for (let k = this.rows.length - before; k > 0; k--) {
          if (ts !== null) ts.push((b.ts as number[])[i] as number);
          if (wm !== null) wm.push((b.wm as number[])[i] as number);
          if (ops !== null) ops.push((b.ops as RowKind[])[i] as RowKind);
        }
      }
    } catch (e) {
      throw userFunctionFailed('flatMap', input[i], e);
    }
    this.out.push(batchOf(this.rows, b.wmEnd, ts, wm, ops, b.idle));
  }

  finish(): void {
    this.out.end();
  }
}
