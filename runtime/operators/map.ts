// map: one output row per input row. Timestamps, watermarks and changelog kinds pass through unchanged.
import { batchOf, type Batch } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { userFunctionFailed } from './user-function-error.ts';

export class MapOperator implements Operator {
  constructor(
    private readonly fn: (row: any) => unknown,
    private readonly out: Output,
  ) {}

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    if (n === 0) return this.out.push(b);
    const fn = this.fn;
    const res = new Array<unknown>(n);
    let i = 0;
    try {
      for (; i < n; i++) res[i] = fn(rows[i]);
    } catch (e) {
      throw userFunctionFailed('map', rows[i], e);
    }
    this.out.push(batchOf(res, b.wmEnd, b.ts, b.wm, b.ops, b.idle));
  }

  finish(): void {
    this.out.end();
  }
}
