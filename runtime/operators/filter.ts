// filter: keeps the rows for which the predicate is truthy, with their columns. A batch whose rows all pass
// goes on as it is (receivers never mutate batches).
import { batchOf, type Batch, type RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { filterLoop, type FilterLoop } from './specialised-loop.ts';

export class FilterOperator implements Operator {
  /** This instance's own loop, so V8 can inline the predicate into it (see specialised-loop.ts). */
  private readonly loop: FilterLoop;
  /** Indices of the kept rows of the current batch. */
  private sel = new Int32Array(1024);

  constructor(
    pred: (row: any) => unknown,
    private readonly out: Output,
  ) {
    this.loop = filterLoop(pred);
  }

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    if (n === 0) return this.out.push(b);
    const sel = this.sel.length >= n ? this.sel : (this.sel = new Int32Array(n * 2));
    const k = this.loop(rows, sel);
    if (k === n) return this.out.push(b);
    this.out.push(kept(b, sel, k));
  }

  finish(): void {
    this.out.end();
  }
}

/** The selected rows of a batch with their columns, in arrays of the final size (no growing garbage). */
function kept(b: Batch, sel: Int32Array, k: number): Batch {
  const rows = new Array<unknown>(k);
  const ts = b.ts === null ? null : new Array<number>(k);
  const wm = b.wm === null ? null : new Array<number>(k);
  const ops = b.ops === null ? null : new Array<RowKind>(k);
  for (let j = 0; j < k; j++) {
    const i = sel[j] as number;
    rows[j] = b.rows[i];
    if (ts !== null) ts[j] = (b.ts as number[])[i] as number;
    if (wm !== null) wm[j] = (b.wm as number[])[i] as number;
    if (ops !== null) ops[j] = (b.ops as RowKind[])[i] as RowKind;
  }
  return batchOf(rows, b.wmEnd, ts, wm, ops, b.idle);
}
