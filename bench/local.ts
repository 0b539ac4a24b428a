// Runs queries in this process: generates the bids once into an array (timed, as a reference point for the
// generator cases), then runs each query's cases over it.
import { nexmark, type Bid } from '../runtime/index.ts';
import type { BenchOptions } from './options.ts';
import { SUITE } from './suite.ts';
import { runEntry, type CaseResult } from './cases.ts';

export interface Generation {
  readonly events: number;
  readonly ms: number;
  readonly eventsPerSec: number;
}

export interface LocalReport {
  readonly generation: Generation;
  readonly results: CaseResult[];
}

export function generateBids(seed: number, count: number): { bids: Bid[]; generation: Generation } {
  const gen = nexmark.bids({ seed, count });
  const bids = new Array<Bid>(count);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) bids[i] = gen.at(i);
  const ms = performance.now() - t0;
  return { bids, generation: { events: count, ms, eventsPerSec: count / (ms / 1000) } };
}

export async function runLocal(o: BenchOptions, log: (line: string) => void): Promise<LocalReport> {
  const { bids, generation } = generateBids(o.seed, o.events);
  log(`generated ${o.events.toLocaleString('en-US')} bids in ${generation.ms.toFixed(0)} ms (first pass, cold)`);
  const results: CaseResult[] = [];
  for (const e of SUITE) {
    if (!o.queries.includes(e.query.id)) continue;
    results.push(...(await runEntry(e, { bids, seed: o.seed, runs: o.runs, warmup: o.warmup, minSampleMs: o.minSampleMs, gcBetween: o.gcBetween, sink: o.sink, mode: o.mode, profileDir: o.profileDir, log })));
  }
  return { generation, results };
}
