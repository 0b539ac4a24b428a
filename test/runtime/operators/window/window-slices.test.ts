import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, type AggregateFunction } from '../../../../runtime/index.ts';
import { seededRandom, randomInt } from '../../../helpers/random-stream.ts';

interface Reading {
  key: string;
  v: number;
  t: number;
}

/** A count the window operator cannot slice (not a built-in), so it keeps one pane per window. */
const unslicedCount: AggregateFunction<Reading, number, number> = {
  createAccumulator: () => 0,
  add: (_r, acc) => acc + 1,
  merge: (a, b) => a + b,
  result: (acc) => acc,
};
const unslicedMax: AggregateFunction<Reading, number, number> = {
  createAccumulator: () => -Infinity,
  add: (r, acc) => Math.max(acc, r.v),
  merge: (a, b) => Math.max(a, b),
  result: (acc) => acc,
};

function readings(seed: number, n: number): Reading[] {
  const rng = seededRandom(seed);
  const out: Reading[] = [];
  let t = 1_767_225_600_000;
  for (let i = 0; i < n; i++) {
    t += randomInt(rng, 0, 40);
    // Some records out of order, some far enough behind to be late for all their windows.
    const back = rng() < 0.1 ? randomInt(rng, 0, 900) : 0;
    out.push({ key: `k${randomInt(rng, 0, 6)}`, v: randomInt(rng, 0, 1000), t: t - back });
  }
  return out;
}

async function run(rows: Reading[], sliced: boolean, parallelism: number): Promise<{ rows: string[]; late: number }> {
  const env = new StreamEnvironment({ parallelism, batchSize: 37 });
  const windowed = env
    .fromArray(rows)
    .withWatermarks({ timestamp: (r) => r.t, maxOutOfOrderness: 50 })
    .keyBy((r) => r.key)
    .window(Windows.sliding(400, 100));
  const result = sliced
    ? windowed.aggregate({ n: agg.count(), top: agg.max((r: Reading) => r.v) })
    : windowed.aggregate({ n: unslicedCount, top: unslicedMax });
  const late = result.lateOutput().collect();
  const out = await result.collect();
  return {
    rows: out.map((r) => `${String(r.key)} ${r.windowStart} ${r.windowEnd} ${r.n} ${r.top}`).sort(),
    late: (await late).length,
  };
}

describe('window slicing', () => {
  it('gives a sliding window the same rows and late records as one pane per window, at parallelism 1 and 3', async () => {
    for (const seed of [1, 2, 3]) {
      const rows = readings(seed, 2_000);
      const expected = await run(rows, false, 1);
      expect(expected.rows.length).toBeGreaterThan(100);
      expect(expected.late).toBeGreaterThan(0);
      for (const p of [1, 3]) expect(await run(rows, true, p)).toEqual(expected);
    }
  });
});
