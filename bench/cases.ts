// Runs the cases of one query: its loops over the pre-generated array, its RxJS pipeline over the same array,
// its DuckDB SQL over the same events loaded into tables (ingest timed once, separately), then the Rivulet
// runtime over the array (env.fromArray) and over the generator (env.fromGenerator(nexmark.bids or
// nexmark.events({ seed, count }))), at parallelism 1 and at any extra parallelism. The reference loop runs first and fixes the expected
// result; every run of every case must reproduce it (row count and checksum), or the bench stops.
// Each case builds its pipeline once, outside the timing; a timed run is one job over every bid
// (`execute` re-reads a bounded source from its start), with the default batch size.
import { StreamEnvironment, nexmark, type Generator } from '../runtime/index.ts';
import type { QueryId } from './queries/query.ts';
import type { SuiteEntry } from './suite.ts';
import { q0LoopGenerating } from './baselines/q0.ts';
import { Tally, sameTally, describeTally, type TallyValue } from './tally.ts';
import { attachSink, type SinkChoice, type SinkKind } from './sink.ts';
import { measure, median, spread } from './measure.ts';
import { startProfile, profileFileName, type RunningProfile } from './profiler.ts';
import { loadDatabase, runSql, type LoadedDatabase } from './duckdb/database.ts';

export type Engine = 'loop' | 'runtime' | 'rxjs' | 'duckdb';

export interface CaseResult {
  readonly query: QueryId;
  readonly mode: string;
  readonly engine: Engine;
  readonly source: 'array' | 'generator';
  /** null for everything but the runtime. */
  readonly parallelism: number | null;
  readonly sink: SinkKind | null;
  readonly events: number;
  readonly rowsOut: number;
  readonly checksum: string;
  /** Time per run of each timed sample (ms). */
  readonly samplesMs: number[];
  /** Runs per sample (more than 1 when one run is shorter than the minimum sample time). */
  readonly repsPerSample: number[];
  readonly medianMs: number;
  readonly spread: number;
  /** Share of the timed wall time spent in garbage-collection pauses. */
  readonly gcShare: number;
  readonly eventsPerSec: number;
  /** Events per second of this process's CPU time (median CPU time per run): less sensitive to other load. */
  readonly eventsPerCpuSec: number;
  /** This case's events/s divided by the reference loop's (null when the reference was not timed: --mode). */
  readonly ratioToLoop: number | null;
  readonly reference: boolean;
  /** DuckDB only: the time to load the events into its tables with the appender (ms, once, not in medianMs). */
  readonly ingestMs: number | null;
}

export interface CaseSettings {
  /** The pre-generated input: bids, or the mixed events, as the query reads. */
  readonly input: readonly unknown[];
  readonly seed: number;
  readonly runs: number;
  readonly warmup: number;
  readonly minSampleMs: number;
  readonly gcBetween: boolean;
  readonly sink: SinkChoice;
  /** Only the cases whose label contains this. */
  readonly mode: string | null;
  /** Write a CPU profile of each case's timed samples into this directory. */
  readonly profileDir: string | null;
  readonly log: (line: string) => void;
}

interface Case {
  readonly mode: string;
  readonly engine: Engine;
  readonly source: 'array' | 'generator';
  readonly parallelism: number | null;
  readonly sink: SinkKind | null;
  readonly run: () => unknown;
}

export class ResultMismatch extends Error {}

/** The generator a query's runtime case reads: bids or the mixed stream, `count` of them. */
export function generatorFor(input: 'bids' | 'events', seed: number, count: number): Generator<unknown> {
  return input === 'bids' ? nexmark.bids({ seed, count }) : nexmark.events({ seed, count });
}

export async function runEntry(e: SuiteEntry<unknown, unknown>, s: CaseSettings): Promise<CaseResult[]> {
  const q = e.query;
  const n = s.input.length;
  const tally = new Tally();
  const consume = q.consumer(tally);

  // The reference result: one untimed run of the first loop.
  const [reference] = e.loops;
  reference.run(s.input, consume);
  const expected = tally.snapshot();
  s.log(`${q.id} ${q.title}: reference ${describeTally(expected)}`);

  const cases: Case[] = e.loops.map((l) => ({
    mode: l.name, engine: 'loop', source: 'array', parallelism: null, sink: null,
    run: () => l.run(s.input, consume),
  }));
  cases.push({ mode: 'rxjs', engine: 'rxjs', source: 'array', parallelism: null, sink: null, run: () => e.rxjs(s.input, consume) });
  let db: LoadedDatabase | null = null;
  const sql = e.sql;
  if (sql !== null && (s.mode === null || `${q.id} duckdb sql`.includes(s.mode))) {
    db = await loadDatabase(q.input, s.input);
    const loaded = db;
    s.log(`  ${q.id} duckdb: loaded ${n.toLocaleString('en-US')} events with the appender in ${db.ingestMs.toFixed(0)} ms`);
    cases.push({ mode: 'duckdb sql', engine: 'duckdb', source: 'array', parallelism: null, sink: null, run: () => runSql(loaded, sql, consume) });
  }
  if (e.generatingLoop) {
    const gen = nexmark.bids({ seed: s.seed, count: n });
    cases.push({
      mode: 'loop, generating', engine: 'loop', source: 'generator', parallelism: null, sink: null,
      run: () => q0LoopGenerating(gen, n, consume),
    });
  }
  const runtimeCase = (source: 'array' | 'generator', parallelism: number): Case => {
    const env = new StreamEnvironment({ parallelism, stdout: () => {} });
    const input = source === 'array' ? env.fromArray(s.input as unknown[]) : env.fromGenerator(generatorFor(q.input, s.seed, n));
    const sink = attachSink(q.pipeline(input), consume, s.sink, q.id);
    return { mode: `runtime, ${source}`, engine: 'runtime', source, parallelism, sink: sink.kind, run: sink.run };
  };
  cases.push(runtimeCase('array', 1), runtimeCase('generator', 1));
  for (const p of e.extraParallelism) cases.push(runtimeCase('array', p));

  const results: CaseResult[] = [];
  let referenceRate = NaN;
  for (const [i, c] of cases.entries()) {
    const label = caseLabel(q.id, c);
    if (s.mode !== null && !label.includes(s.mode)) continue;
    let profile: RunningProfile | null = null;
    const { ms: samples, reps, cpuMs, gcShare } = await measure(c.run, {
      ...(s.profileDir === null ? {} : { afterWarmup: async () => void (profile = await startProfile()) }),
      warmup: s.warmup,
      runs: s.runs,
      minSampleMs: s.minSampleMs,
      gcBetween: s.gcBetween,
      before: () => tally.reset(),
      check: () => verify(label, expected, tally.snapshot()),
    });
    if (profile !== null && s.profileDir !== null) {
      s.log(`  wrote ${await (profile as RunningProfile).stop(s.profileDir, profileFileName(label))}`);
    }
    const med = median(samples);
    const rate = n / (med / 1000);
    if (i === 0) referenceRate = rate;
    const r: CaseResult = {
      query: q.id,
      mode: c.mode,
      engine: c.engine,
      source: c.source,
      parallelism: c.parallelism,
      sink: c.sink,
      events: n,
      rowsOut: expected.rows,
      checksum: expected.checksum.toString(16).padStart(8, '0'),
      samplesMs: samples.map((x) => Math.round(x * 1000) / 1000),
      repsPerSample: reps,
      medianMs: med,
      spread: spread(samples),
      gcShare,
      eventsPerSec: rate,
      eventsPerCpuSec: n / (median(cpuMs) / 1000),
      ratioToLoop: Number.isNaN(referenceRate) ? null : rate / referenceRate,
      reference: i === 0,
      ingestMs: c.engine === 'duckdb' && db !== null ? db.ingestMs : null,
    };
    results.push(r);
    s.log(`  ${label}: ${Math.round(rate).toLocaleString('en-US')} events/s (${Math.round(n / (median(cpuMs) / 1000)).toLocaleString('en-US')} per CPU-s), gc ${(gcShare * 100).toFixed(0)}% (median of ${samples.map((x) => x.toFixed(1)).join(', ')} ms` +
      `${reps.some((r) => r > 1) ? `; ${reps.join('/')} runs per sample` : ''})`);
  }
  db?.close();
  return results;
}

function caseLabel(id: QueryId, c: Case): string {
  return `${id} ${c.mode}${c.parallelism === null ? '' : `, p${c.parallelism}`}`;
}

function verify(label: string, expected: TallyValue, got: TallyValue): void {
  if (sameTally(expected, got)) return;
  throw new ResultMismatch(`${label}: result differs from the reference loop: expected ${describeTally(expected)}, got ${describeTally(got)}`);
}
