// Differential test over CSV files: random cases written as CSV (out-of-order and late rows, numbers in several
// spellings, and by the seed quotes, CRLF, blank lines, a BOM, or lines DuckDB's reading refuses) give EQUAL
// rows (in order), window results, late rows and dead letters on the streaming engine and on DuckDB; DuckDB
// reads the file itself exactly when no byte the fast path refuses is in it, and falls back to Rivulet's reader
// exactly when a line is refused. RIVULET_BATCH_CSV_CASES sets how many cases run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../helpers/oracle/windows.ts';
import { randomCase } from './random-pipeline.ts';
import { nativeCsvFallbacks } from '../../../runtime/batch/run-batch.ts';
import { buildCsvPipeline, writeCsvCase } from './random-csv.ts';

const CASES = Number(process.env.RIVULET_BATCH_CSV_CASES ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'rivulet-batch-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sortedJson = (rows: readonly unknown[]): string[] => rows.map((r) => canonicalJson(r)).sort();

describe('streaming and DuckDB give equal results over random CSV files', () => {
  for (let seed = 1; seed <= CASES; seed++) {
    it(`random CSV case ${seed} gives the same rows, windows, late rows and dead letters on both engines`, async () => {
      const c = randomCase(seed, 40);
      const f = writeCsvCase(c, dir);
      const { rows, result, late, dead } = buildCsvPipeline(c, f);
      expect(result.explain({ engine: 'duckdb' }).includes('read_csv('), f.describe).toBe(f.native);
      const before = nativeCsvFallbacks.count;
      const batch = await result.collect({ engine: 'duckdb' });
      expect(nativeCsvFallbacks.count - before, `${f.describe}: fell back to Rivulet's reader`).toBe(f.native && f.rejects ? 1 : 0);
      expect(sortedJson(batch), f.describe).toEqual(sortedJson(await result.collect()));
      expect((await rows.collect({ engine: 'duckdb' })).map((r) => canonicalJson(r)), f.describe).toEqual((await rows.collect()).map((r) => canonicalJson(r)));
      if (late !== null) {
        const lateStreaming = (await late.collect()).map((r) => canonicalJson(r)).sort();
        expect((await late.collect({ engine: 'duckdb' })).map((r) => canonicalJson(r)).sort(), f.describe).toEqual(lateStreaming);
      }
      const letters = await dead.collect();
      expect(await dead.collect({ engine: 'duckdb' }), f.describe).toEqual(letters);
      if (f.native && !f.rejects) expect(letters, f.describe).toEqual([]);
    });
  }
});
