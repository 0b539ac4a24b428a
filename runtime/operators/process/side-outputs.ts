// The side outputs a process function (or an interval join) writes to with ctx.output(tag, value): one batch
// builder per tag, shipped with the main output so that every side stream carries the watermark too, and
// ended with it. Tags nobody reads go to the context's no-op output.
import { BatchBuilder } from '../../exec/batch.ts';
import type { OperatorContext, Output } from '../../exec/operator.ts';

interface Side {
  readonly out: Output;
  readonly builder: BatchBuilder;
}

export class SideOutputs {
  private readonly sides = new Map<string, Side>();

  /** `names`: the side outputs the plan consumes (they get watermarks and an end even when nothing is sent). */
  constructor(
    private readonly ctx: OperatorContext,
    private readonly timed: boolean,
    names: Iterable<string>,
  ) {
    for (const n of names) this.side(n);
  }

  add(name: string, row: unknown, ts: number, wm: number): void {
    this.side(name).builder.add(row, ts, wm, '+I');
  }

  flush(wmEnd: number, idle: boolean): void {
    for (const s of this.sides.values()) s.out.push(s.builder.take(wmEnd, idle));
  }

  end(): void {
    for (const s of this.sides.values()) s.out.end();
  }

  private side(name: string): Side {
    let s = this.sides.get(name);
    if (s === undefined) {
      s = { out: this.ctx.side(name), builder: new BatchBuilder(this.timed) };
      this.sides.set(name, s);
    }
    return s;
  }
}
