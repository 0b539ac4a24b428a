// Differential test: random bounded inputs (out of order, with late events) through random pipelines give
// EQUAL results on the streaming engine, on DuckDB (collect({ engine: 'duckdb' })) and on the plain-loop
// oracle: the same window rows and the same late records. RIVULET_BATCH_CASES sets how many cases run
// (npm run fuzz:batch runs thousands, with larger session-window inputs).
import { describe, expect, it } from 'vitest';
import { oracleWindowAggregate, canonicalRows, canonicalJson, type WindowRow } from '../../helpers/oracle/windows.ts';
import { oracleRollingAggregate } from '../../helpers/oracle/rolling.ts';
import { randomCase, buildPipeline, oracleInput, keyFn, oracleAggregates } from './random-pipeline.ts';

const CASES = Number(process.env.RIVULET_BATCH_CASES ?? 300);
const FIRST = Number(process.env.RIVULET_BATCH_FIRST_SEED ?? 1);
const SESSION_RECORDS = Number(process.env.RIVULET_BATCH_SESSION_RECORDS ?? 60);

const sortedJson = (rows: readonly unknown[]): string[] => rows.map((r) => canonicalJson(r)).sort();

describe('streaming and DuckDB give equal results on random pipelines', () => {
  for (let seed = FIRST; seed < FIRST + CASES; seed++) {
    it(`random case ${seed} gives the same rows and late records on both engines and the oracle`, async () => {
      const c = randomCase(seed, SESSION_RECORDS);
      const { result, late } = buildPipeline(c);
      const streaming = await result.collect();
      const batch = await result.collect({ engine: 'duckdb' });
      expect(sortedJson(batch), c.describe).toEqual(sortedJson(streaming));
      if (late !== null) {
        const lateStreaming = (await late.collect()).map((r) => r.id).sort((a, b) => a - b);
        const lateBatch = (await late.collect({ engine: 'duckdb' })).map((r) => r.id);
        expect(lateBatch, c.describe).toEqual(lateStreaming);
      }
      if (!c.before && (c.filter || c.map)) return; // the oracle has no notion of steps after the watermarks
      const input = oracleInput(c);
      if (c.kind === 'rolling') {
        const expected = oracleRollingAggregate(input, { key: keyFn(c), aggregates: oracleAggregates });
        expect(batch.map((r) => canonicalJson(r)), c.describe).toEqual(expected.map((r) => canonicalJson(r)));
        return;
      }
      const expected = oracleWindowAggregate(input, {
        key: keyFn(c),
        timestamp: (r) => r.ts,
        maxOutOfOrderness: c.spec.maxOutOfOrderness,
        window: c.spec.window,
        allowedLateness: c.spec.allowedLateness,
        aggregates: oracleAggregates,
      });
      expect(canonicalRows(batch as unknown as WindowRow[]), c.describe).toBe(canonicalRows(expected.rows));
    });
  }
});
