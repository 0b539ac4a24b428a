// addSink(fn): calls a function for every row with its changelog kind (Flink's SinkFunction.invoke).
import type { Batch, RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { mapSinkLoop, sinkLoop, type SinkLoop } from '../operators/specialised-loop.ts';

export type SinkFunction<T> = (row: T, kind: RowKind) => void;

export class FunctionSink implements Operator {
  /** This sink's own loop: with several sinks in a process, each call site still sees one function. */
  private readonly loop: SinkLoop;

  /** With `map`, each row is mapped in the same loop (a map fused into this sink, fuse-map-sink.ts). */
  constructor(
    fn: SinkFunction<unknown>,
    private readonly done: Output,
    map?: (row: any) => unknown,
  ) {
    this.loop = map === undefined ? sinkLoop(fn) : mapSinkLoop(map, fn);
  }

  process(b: Batch): void {
    if (b.rows.length > 0) this.loop(b.rows, b.ops);
  }

  finish(): void {
    this.done.end();
  }
}
