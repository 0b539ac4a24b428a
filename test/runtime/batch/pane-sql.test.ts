// Sliding windows over on-time rows are aggregated by pane in SQL (pane-sql.ts): random in-order inputs
// through random sliding windows (sizes that are and are not multiples of the slide, offsets, keyed and
// not) give exactly the streaming engine's rows, and the plan shows the panes; what the rewrite cannot do
// exactly (late rows, sums of fractions, first/last) keeps the per-row plan and still agrees.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { canonicalJson } from '../../helpers/oracle/windows.ts';
import { pick, randomInt, seededRandom } from '../../helpers/random-stream.ts';

interface Rec {
  id: number;
  key: string;
  ts: number;
  value: number;
}

const sorted = (rows: readonly unknown[]): string[] => rows.map((r) => canonicalJson(r)).sort();

/** Rows whose timestamps never fall to the watermark: each is at most `disorder` ms behind the largest seen. */
function onTimeRows(seed: number, n: number, disorder: number, fractions = false): Rec[] {
  const rng = seededRandom(seed);
  const rows: Rec[] = [];
  let max = randomInt(rng, 0, 50);
  for (let id = 0; id < n; id++) {
    max += randomInt(rng, 0, 4);
    const ts = max - randomInt(rng, 0, disorder);
    const value = randomInt(rng, -20, 100) + (fractions ? 0.1 : 0);
    rows.push({ id, key: pick(rng, ['a', 'b', 'c', 'd']), ts, value });
  }
  return rows;
}

function pipeline(rows: Rec[], disorder: number, size: number, slide: number, offset: number, keyed: boolean, aggregates: Record<string, unknown>) {
  const env = new StreamEnvironment({ parallelism: 2 });
  const timed = env.fromArray(rows).withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: disorder });
  const w = Windows.sliding(size, slide, { offset });
  return keyed ? timed.keyBy('key').window(w).aggregate(aggregates as never) : timed.windowAll(w).aggregate(aggregates as never);
}

const EXACT = {
  n: agg.count(),
  total: agg.sum<Rec>('value'),
  low: agg.min<Rec>('value'),
  high: agg.max<Rec>((r) => r.value),
  mean: agg.avg<Rec>('value'),
};

describe('sliding windows aggregated by pane', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`random on-time case ${seed} gives the streaming engine's rows from panes`, async () => {
      const rng = seededRandom(seed * 7919);
      const slide = randomInt(rng, 2, 12);
      const size = slide * randomInt(rng, 2, 4) + pick(rng, [0, 0, randomInt(rng, 1, slide - 1)]);
      const offset = pick(rng, [0, randomInt(rng, 1, slide - 1)]);
      const disorder = pick(rng, [0, 3, 8]);
      const keyed = rng() < 0.7;
      const s = pipeline(onTimeRows(seed, randomInt(rng, 1, 150), disorder), disorder, size, slide, offset, keyed, EXACT);
      const describe = `size ${size} slide ${slide} offset ${offset} disorder ${disorder} keyed ${keyed}`;
      expect(await s.explain({ engine: 'duckdb' }), describe).toContain('_panes AS');
      expect(sorted(await s.collect({ engine: 'duckdb' })), describe).toEqual(sorted(await s.collect()));
    });
  }

  it('keeps the per-row plan for sums of fractions, first/last and late rows, and still agrees', async () => {
    const cases = [
      pipeline(onTimeRows(3, 120, 4, true), 4, 10, 4, 0, true, { total: agg.sum<Rec>('value'), mean: agg.avg<Rec>('value') }),
      pipeline(onTimeRows(4, 120, 4), 4, 10, 4, 0, true, { n: agg.count(), firstId: agg.first<Rec, number>('id') }),
      pipeline(onTimeRows(5, 120, 30), 4, 10, 4, 0, true, EXACT), // disorder above the bound: some rows are late
    ];
    for (const s of cases) {
      expect(await s.explain({ engine: 'duckdb' })).not.toContain('_panes AS');
      expect(sorted(await s.collect({ engine: 'duckdb' }))).toEqual(sorted(await s.collect()));
    }
  });
});
