// Rolling (non-windowed) keyed aggregate: for each key, the aggregates over all its records so far, emitted as
// a changelog of rows { key, ...aggregates }: +I for a key's first record, then -U old / +U new per record.
// Accumulators and the last emitted row live in the partition's ValueState.
import { BatchBuilder, type Batch } from '../exec/batch.ts';
import type { Operator, OperatorContext } from '../exec/operator.ts';
import type { ValueState } from '../state/value-state.ts';
import type { AggregateSet } from './aggregates/aggregate-set.ts';
import { canonicalKey } from '../exec/partitioning/index.ts';
import { userFunctionFailed } from './user-function-error.ts';

interface Group {
  accs: unknown[];
  row: Record<string, unknown>;
}

export class RollingAggregateOperator implements Operator {
  private readonly state: ValueState<Group>;
  private readonly out: BatchBuilder;
  private current = -Infinity;

  constructor(
    private readonly key: (row: any) => unknown,
    private readonly aggs: AggregateSet,
    private readonly ctx: OperatorContext,
    timed: boolean,
  ) {
    this.state = ctx.state.valueState('aggregate');
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
        let g = this.state.get(c);
        const isNew = g === undefined;
        if (g === undefined) {
          this.ctx.state.rememberKey(c, k);
          g = { accs: this.aggs.create(), row: {} };
          this.state.set(c, g);
        }
        this.aggs.add(g.accs, row);
        const next = this.aggs.writeResults(g.accs, { key: k });
        if (isNew) out.add(next, ts, wm, '+I');
        else {
          out.add(g.row, ts, wm, '-U');
          out.add(next, ts, wm, '+U');
        }
        g.row = next;
      }
    } catch (e) {
      throw userFunctionFailed('aggregate', rows[i], e);
    }
    this.current = b.wmEnd;
    this.ctx.out.push(out.take(b.wmEnd, b.idle));
  }

  finish(): void {
    this.ctx.out.end();
  }
}
