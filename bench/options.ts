// Command-line options of `npm run bench` (see --help). The full run times 2M bids in 5 samples per case;
// --quick times 100k events in 3 samples, so the whole bench (state and views parts included) finishes in under a minute.
import { resolve } from 'node:path';
import type { QueryId } from './queries/query.ts';
import type { SinkChoice } from './sink.ts';
import { QUERY_IDS } from './suite.ts';

export interface BenchOptions {
  readonly quick: boolean;
  readonly events: number;
  readonly runs: number;
  readonly warmup: number;
  /** A sample repeats a short run until it lasts this long (ms). */
  readonly minSampleMs: number;
  /** Force a full garbage collection before each sample. */
  readonly gcBetween: boolean;
  readonly seed: number;
  readonly queries: readonly QueryId[];
  readonly sink: SinkChoice;
  /** Only the cases whose label contains this (e.g. "runtime, array, p1"); the reference loop still fixes the result. */
  readonly mode: string | null;
  /** Write a CPU profile of each case's timed samples into this directory. */
  readonly profileDir: string | null;
  /** Run every query in this process instead of one child process per query. */
  readonly inProcess: boolean;
  readonly out: string;
  /** Internal: this process is a child running the given queries; write the report to this file. */
  readonly reportTo: string | null;
}

export const HELP = `npm run bench -- [options]
  --quick            100 000 events, 3 timed samples (default: 2 000 000 events, 5 samples)
  --events N         number of input events (bids, or persons + auctions + bids)
  --runs N           timed samples per case (the median is reported)
  --warmup N         untimed warm-up samples per case (default 1)
  --min-sample MS    repeat a shorter run within one sample until it lasts MS (default 200, --quick 25)
  --gc               force a full garbage collection before each sample (see bench/measure.ts: it makes V8
                     re-optimize the runtime every sample, which is a cold-start cost, not throughput)
  --seed N           generator seed (default 7)
  --query q0,q5      only these queries (default: q0,q1,q2,q3,q4,q5,q7,q8)
  --mode TEXT        only the cases whose label contains TEXT, e.g. "runtime, array, p1" (for profiling)
  --profile DIR      write a CPU profile of each case's timed samples to DIR (see bench/profile-summary.ts)
  --sink KIND        auto (addSink if the runtime has it, else filter), addSink, filter, collect
  --in-process       run every query in this process (default: a fresh child process per query, so that
                     no query runs on runtime code that V8 specialised for another query's rows)
  --out PATH         where to write the results (default bench/results.json)
  --no-state         skip the state part (snapshot/restore of 1M keys, memory vs disk backend)
  --no-views         skip the views part (events/s with and without a live view attached)`;

function int(name: string, v: string | undefined, min: number): number {
  const n = Number(v);
  if (v === undefined || !Number.isSafeInteger(n) || n < min) throw new Error(`${name} needs an integer >= ${min}, got ${v}`);
  return n;
}

export function parseOptions(argv: readonly string[], defaultOut: string): BenchOptions | 'help' {
  const quick = argv.includes('--quick');
  let events = quick ? 100_000 : 2_000_000;
  let runs = quick ? 3 : 5;
  let warmup = 1;
  let minSampleMs = quick ? 25 : 200;
  let gcBetween = false;
  let seed = 7;
  let queries: QueryId[] = [...QUERY_IDS];
  let sink: SinkChoice = 'auto';
  let inProcess = false;
  let mode: string | null = null;
  let profileDir: string | null = null;
  let out = defaultOut;
  let reportTo: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = (): string | undefined => argv[++i];
    switch (a) {
      case '--quick': break;
      case '--no-state': break;
      case '--no-views': break;
      case '--help': case '-h': return 'help';
      case '--events': events = int(a, next(), 1); break;
      case '--runs': runs = int(a, next(), 1); break;
      case '--warmup': warmup = int(a, next(), 0); break;
      case '--min-sample': minSampleMs = int(a, next(), 0); break;
      case '--gc': gcBetween = true; break;
      case '--seed': seed = int(a, next(), 0); break;
      case '--mode': mode = next() ?? null; break;
      case '--profile': profileDir = resolve(next() ?? 'profiles'); break;
      case '--in-process': inProcess = true; break;
      case '--out': out = next() ?? out; break;
      case '--report-to': reportTo = next() ?? null; break;
      case '--query': {
        const list = (next() ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
        for (const q of list) if (!QUERY_IDS.includes(q as QueryId)) throw new Error(`--query: unknown query "${q}" (known: ${QUERY_IDS.join(', ')})`);
        if (list.length === 0) throw new Error('--query needs a list such as q0,q5');
        queries = list as QueryId[];
        break;
      }
      case '--sink': {
        const s = next();
        if (s !== 'auto' && s !== 'addSink' && s !== 'filter' && s !== 'collect') throw new Error(`--sink: auto, addSink, filter or collect, got ${s}`);
        sink = s;
        break;
      }
      default: throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  return { quick, events, runs, warmup, minSampleMs, gcBetween, seed, queries, sink, mode, profileDir, inProcess, out, reportTo };
}

/** The options a child process gets: the same settings, one query, and where to write its report. */
export function childArgs(o: BenchOptions, query: QueryId, reportTo: string): string[] {
  return [
    ...(o.quick ? ['--quick'] : []), '--events', String(o.events), '--runs', String(o.runs), '--warmup', String(o.warmup),
    '--min-sample', String(o.minSampleMs), ...(o.gcBetween ? ['--gc'] : []), '--seed', String(o.seed),
    '--sink', o.sink, ...(o.mode === null ? [] : ['--mode', o.mode]),
    ...(o.profileDir === null ? [] : ['--profile', o.profileDir]), '--query', query, '--in-process', '--report-to', reportTo,
  ];
}
