// filter: keeps the rows for which the predicate is truthy, with their columns.
import { batchOf, type Batch, type RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { userFunctionFailed } from './user-function-error.ts';

export class FilterOperator implements Operator {
  constructor(
    private readonly pred: (row: any) => unknown,
    private readonly out: Output,
  ) {}

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    if (n === 0) return this.out.push(b);
    const pred = this.pred;
    const keep: unknown[] = [];
    const ts = b.ts === null ? null : ([] as number[]);
    const wm = b.wm === null ? null : ([] as number[]);
    const ops = b.ops === null ? null : ([] as RowKind[]);
    let i = 0;
    try {
      for (; i < n; i++) {
        const row = rows[i];
        if (!pred(row)) continue;
        keep.push(row);
        if (ts !== null) ts.push((b.ts as number[])[i] as number);
        if (wm !== null) wm.push((b.wm as number[])[i] as number);
        if (ops !== null) ops.push((b.ops as RowKind[])[i] as RowKind);
      }
    } catch (e) {
      throw userFunctionFailed('filter', rows[i], e);
    }
    this.out.push(batchOf(keep, b.wmEnd, ts, wm, ops, b.idle));
  }

  finish(): void {
    this.out.end();
  }
}
