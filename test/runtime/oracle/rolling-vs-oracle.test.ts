// Randomized oracle test for keyed rolling aggregates and reduce: the changelog, applied, leaves exactly one
// row per key equal to the plain-loop oracle's, at every parallelism and batch size; at parallelism 1 the
// rows come in first-seen-key order.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment } from '../../../runtime/index.ts';
import { oracleRollingAggregate, oracleReduce } from '../../helpers/oracle/rolling.ts';
import { randomStream, seededRandom, randomInt, type StreamRecord } from '../../helpers/random-stream.ts';
import { canonicalJson } from '../../helpers/oracle/windows.ts';
import { oracleAggregates, runtimeAggregates } from './pipeline-from-spec.ts';

const RUNS = [
  { parallelism: 1, batchSize: 1024 },
  { parallelism: 3, batchSize: 5 },
  { parallelism: 8, batchSize: 1 },
];

const byKey = (rows: { key: unknown }[]): string[] => rows.map((r) => canonicalJson(r)).sort();

describe('keyed rolling aggregates against the plain-loop oracle', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`random case ${seed} leaves the oracle's final row per key`, async () => {
      const rng = seededRandom(seed);
      const records = randomStream(seed, { n: randomInt(rng, 1, 200), keys: randomInt(rng, 1, 20) });
      const expected = oracleRollingAggregate(records, { key: (r) => r.key, aggregates: oracleAggregates });
      for (const run of RUNS) {
        const env = new StreamEnvironment(run);
        const rows = await env.fromArray(records).keyBy('key').aggregate(runtimeAggregates).collect();
        if (run.parallelism === 1) expect(rows.map((r) => r.key)).toEqual(expected.map((r) => r.key));
        expect(byKey(rows), JSON.stringify(run)).toEqual(byKey(expected));
      }
    });
  }

  it('reduce keeps the running reduction of each key', async () => {
    const records = randomStream(99, { n: 300, keys: 9 });
    const sum = (a: StreamRecord, b: StreamRecord): StreamRecord => ({ ...b, value: a.value + b.value });
    const expected = oracleReduce(records, (r) => r.key, sum).map((e) => e.value);
    for (const run of RUNS) {
      const env = new StreamEnvironment(run);
      const rows = await env.fromArray(records).keyBy('key').reduce(sum).collect();
      expect(rows.map((r) => canonicalJson(r)).sort()).toEqual(expected.map((r) => canonicalJson(r)).sort());
    }
  });
});
