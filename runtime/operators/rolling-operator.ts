// The loop shared by keyed rolling operators (reduce, aggregate): per record, fold it into its key's state
// (a ValueState of the partition) and emit the change as a changelog — +I for a key's first record, then the
// previous result (-U) and the new one (+U).
import { BatchBuilder, type Batch } from '../exec/batch.ts';
import type { Operator, OperatorContext } from '../exec/operator.ts';
import type { ValueStateTable } from '../state/keyed-state-backend.ts';
import { canonicalKey } from '../exec/partitioning/index.ts';
import { userFunctionFailed } from './user-function-error.ts';
import { keySelector } from './specialised-loop.ts';
import { minWatermark } from './restore-helpers.ts';

/** How one rolling operator folds a record into its state, and what it shows of that state. */
export interface RollingFold<S> {
  readonly name: string;
  /** The state after `row`; `state` is undefined for a key's first record. May mutate and return `state`. */
  fold(state: S | undefined, row: unknown, key: unknown): S;
  /** The row emitted for a state (must be a new value whenever the result changed). */
  result(state: S): unknown;
}

interface Entry<S> {
  state: S;
  emitted: unknown;
}

export class RollingOperator<S> implements Operator {
  private readonly state: ValueStateTable<Entry<S>>;
  private readonly out: BatchBuilder;
  private current = -Infinity;

  /** The key selector with a call site of its own (see specialised-loop.ts). */
  private readonly keyOf: (row: unknown) => unknown;

  constructor(
    key: (row: any) => unknown,
    private readonly folder: RollingFold<S>,
    private readonly ctx: OperatorContext,
    timed: boolean,
  ) {
    this.keyOf = keySelector(key);
    this.state = ctx.state.valueState(folder.name);
    this.out = new BatchBuilder(timed);
  }

  process(b: Batch): void {
    const rows = b.rows;
    const out = this.out;
    const folder = this.folder;
    let i = 0;
    try {
      for (; i < rows.length; i++) {
        const row = rows[i];
        const wm = b.wm === null ? this.current : (b.wm[i] as number);
        const ts = b.ts === null ? NaN : (b.ts[i] as number);
        const k = this.keyOf(row);
        const c = canonicalKey(k);
        const entry = this.state.get(c);
        if (entry === undefined) {
          this.ctx.state.rememberKey(c, k);
          const state = folder.fold(undefined, row, k);
          const emitted = folder.result(state);
          this.state.set(c, { state, emitted });
          out.add(emitted, ts, wm, '+I');
        } else {
          entry.state = folder.fold(entry.state, row, k);
          const emitted = folder.result(entry.state);
          out.add(entry.emitted, ts, wm, '-U');
          out.add(emitted, ts, wm, '+U');
          entry.emitted = emitted;
        }
      }
    } catch (e) {
      throw userFunctionFailed(folder.name, rows[i], e);
    }
    this.current = b.wmEnd;
    this.ctx.out.push(out.take(b.wmEnd, b.idle));
  }

  snapshotState(): { current: number } {
    return { current: this.current };
  }

  restoreState(states: unknown[]): void {
    this.current = minWatermark(states);
  }

  finish(): void {
    this.ctx.out.end();
  }
}
