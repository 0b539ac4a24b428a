// The operator behind stream.view() and stream.chart(): one instance (all partitions of the input merge into
// it, so a view's table and snapshot are consistent), which hands each batch to its view, tells it when
// processing time moves, and carries its table in snapshots (a restored view continues where it was).
import type { Batch } from '../exec/batch.ts';
import type { Operator, OperatorContext, Output } from '../exec/operator.ts';
import type { View } from './view.ts';

export class ViewSink implements Operator {
  private readonly done: Output;

  constructor(
    private readonly view: View<unknown>,
    ctx: OperatorContext,
  ) {
    this.done = ctx.out;
    view.attach(ctx.metrics, ctx.clock);
  }

  process(b: Batch): void {
    this.view.apply(b);
  }

  onProcessingTime(now: number): void {
    this.view.tick(now);
  }

  snapshotState(): unknown {
    return this.view.snapshotState();
  }

  restoreState(states: unknown[]): void {
    this.view.restoreState(states);
  }

  finish(): void {
    this.view.inputFinished();
    this.done.end();
  }
}

/** What the sink of a view that another view replaced (same name) does: nothing. */
export class RetiredViewSink implements Operator {
  constructor(private readonly done: Output) {}
  process(): void {}
  finish(): void {
    this.done.end();
  }
}
