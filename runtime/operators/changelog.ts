// changelog(): makes a stream's changelog visible, copying each row with its kind in a field named `op`
// ('+I', '-U', '+U', '-D'). Downstream, every row is an insert of such a copy.
import { batchOf, type Batch, type RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';

export function withOp(row: unknown, op: RowKind): Record<string, unknown> {
  if (typeof row === 'object' && row !== null && !Array.isArray(row)) return { op, ...(row as object) };
  return { op, value: row };
}

export class ChangelogOperator implements Operator {
  constructor(private readonly out: Output) {}

  process(b: Batch): void {
    const n = b.rows.length;
    if (n === 0) return this.out.push(b);
    const rows = new Array<unknown>(n);
    for (let i = 0; i < n; i++) rows[i] = withOp(b.rows[i], b.ops === null ? '+I' : (b.ops[i] as RowKind));
    this.out.push(batchOf(rows, b.wmEnd, b.ts, b.wm, null, b.idle));
  }

  finish(): void {
    this.out.end();
  }
}
