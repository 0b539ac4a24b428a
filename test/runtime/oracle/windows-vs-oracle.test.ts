// Randomized oracle test: random out-of-order streams with late events through random keyed windows
// (tumbling, sliding, session; offsets; allowed lateness) give exactly the plain-loop oracle's results and
// late records, at every parallelism and micro-batch size.
import { describe, expect, it } from 'vitest';
import { oracleWindowAggregate, canonicalRows, type WindowRow } from '../../helpers/oracle/windows.ts';
import { randomStream, randomWindowSpec, seededRandom, randomInt } from '../../helpers/random-stream.ts';
import { oracleAggregates, windowedPipeline, describeSpec } from './pipeline-from-spec.ts';

const SEEDS = Number(process.env.RIVULET_ORACLE_SEEDS ?? 60);
const RUNS = [
  { parallelism: 1, batchSize: 1024 },
  { parallelism: 2, batchSize: 7 },
  { parallelism: 4, batchSize: 1 },
  { parallelism: 7, batchSize: 64 },
];

function caseFor(seed: number) {
  const rng = seededRandom(seed * 7919);
  const spec = randomWindowSpec(rng);
  const records = randomStream(seed, {
    n: randomInt(rng, 20, 300),
    keys: randomInt(rng, 1, 12),
    maxDelay: randomInt(rng, 0, 20),
    lateFraction: rng() < 0.3 ? 0 : 0.08,
    lateBy: randomInt(rng, 5, 60),
  });
  return { spec, records };
}

describe('keyed windows against the plain-loop oracle', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    it(`random case ${seed} gives the oracle's rows and late records at every parallelism and batch size`, async () => {
      const { spec, records } = caseFor(seed);
      const expected = oracleWindowAggregate(records, {
        key: (r) => r.key,
        timestamp: (r) => r.ts,
        maxOutOfOrderness: spec.maxOutOfOrderness,
        window: spec.window,
        allowedLateness: spec.allowedLateness,
        aggregates: oracleAggregates,
      });
      for (const run of RUNS) {
        const { result } = windowedPipeline(records, spec, run);
        const rows = (await result.collect()) as unknown as WindowRow[];
        const late = await result.lateOutput().collect();
        const context = `${describeSpec(spec)} at ${JSON.stringify(run)}`;
        expect(canonicalRows(rows), context).toBe(canonicalRows(expected.rows));
        expect(late.map((r) => r.id).sort((a, b) => a - b), context).toEqual(expected.late.map((l) => l.record.id));
      }
    });
  }
});
