// Keyed reduce: the running reduction of each key's records, emitted as a changelog. The first record of a
// key is inserted (+I); every later one retracts the previous value (-U) and emits the new one (+U).
// The current value lives in the partition's ValueState.
import { BatchBuilder, type Batch } from '../exec/batch.ts';
import type { Operator, OperatorContext } from '../exec/operator.ts';
import type { ValueState } from '../state/value-state.ts';
import { canonicalKey } from '../exec/partitioning/index.ts';
import { userFunctionFailed } from './user-function-error.ts';

export class KeyedReduceOperator implements Operator {
  private readonly state: ValueState<unknown>;
  private readonly out: BatchBuilder;
  private current = -Infinity;

  constructor(
    private readonly key: (row: any) => unknown,
    private readonly fn: (a: any, b: any) => unknown,
    private readonly ctx: OperatorContext,
    timed: boolean,
  ) {
    this.state = ctx.state.valueState('reduce');
    this.out = new BatchBuilder(timed);
  }

  process(b: Batch): void {
    const rows = b.rows;
    const out = this.out;
    let i = 0;
    try {
      for (; i < rows.length; i++) {
        const row = rows[i];
        const wm = b.wm === null ? this.current : (b.wm[i] as number);
        const ts = b.ts === null ? NaN : (b.ts[i] as number);
        const k = this.key(row);
        const c = canonicalKey(k);
        const prev = this.state.get(c);
        if (prev === undefined) {
          this.ctx.state.rememberKey(c, k);
          this.state.set(c, row);
          out.add(row, ts, wm, '+I');
        } else {
          const next = this.fn(prev, row);
          this.state.set(c, next);
          out.add(prev, ts, wm, '-U');
          out.add(next, ts, wm, '+U');
        }
      }
    } catch (e) {
      throw userFunctionFailed('reduce', rows[i], e);
    }
    this.current = b.wmEnd;
    this.ctx.out.push(out.take(b.wmEnd, b.idle));
  }

  finish(): void {
    this.ctx.out.end();
  }
}
