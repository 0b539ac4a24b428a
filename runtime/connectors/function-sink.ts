// addSink(fn): calls a function for every row with its changelog kind (Flink's SinkFunction.invoke).
import type { Batch, RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { userFunctionFailed } from '../operators/user-function-error.ts';

export type SinkFunction<T> = (row: T, kind: RowKind) => void;

export class FunctionSink implements Operator {
  constructor(
    private readonly fn: SinkFunction<unknown>,
    private readonly done: Output,
  ) {}

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    const fn = this.fn;
    const ops = b.ops;
    let i = 0;
    try {
      if (ops === null) for (; i < n; i++) fn(rows[i], '+I');
      else for (; i < n; i++) fn(rows[i], ops[i] as RowKind);
    } catch (e) {
      throw userFunctionFailed('addSink', rows[i], e);
    }
  }

  finish(): void {
    this.done.end();
  }
}
