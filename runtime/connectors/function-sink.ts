// addSink(fn): calls a function for every row with its changelog kind (Flink's SinkFunction.invoke).
import type { Batch, RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { sinkLoop, type SinkLoop } from '../operators/specialised-loop.ts';

export type SinkFunction<T> = (row: T, kind: RowKind) => void;

export class FunctionSink implements Operator {
  /** This sink's own loop: with several sinks in a process, each call site still sees one function. */
  private readonly loop: SinkLoop;

  constructor(
    fn: SinkFunction<unknown>,
    private readonly done: Output,
  ) {
    this.loop = sinkLoop(fn);
  }

  process(b: Batch): void {
    if (b.rows.length > 0) this.loop(b.rows, b.ops);
  }

  finish(): void {
    this.done.end();
  }
}
