// map: one output row per input row. Timestamps, watermarks and changelog kinds pass through unchanged.
import { batchOf, type Batch } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { mapLoop, type MapLoop } from './specialised-loop.ts';

export class MapOperator implements Operator {
  /** This instance's own loop, so V8 can inline `fn` into it (see specialised-loop.ts). */
  private readonly loop: MapLoop;

  constructor(
    fn: (row: any) => unknown,
    private readonly out: Output,
  ) {
    this.loop = mapLoop(fn);
  }

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    if (n === 0) return this.out.push(b);
    const res = new Array<unknown>(n);
    this.loop(rows, res);
    this.out.push(batchOf(res, b.wmEnd, b.ts, b.wm, b.ops, b.idle));
  }

  finish(): void {
    this.out.end();
  }
}
