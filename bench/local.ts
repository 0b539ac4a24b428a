// Runs queries in this process: generates the input once into an array (timed, as a reference point for
// the generator cases) — the bids for q0–q2, q5, q7, the mixed events for q3, q4, q8 — then runs each
// query's cases over it, and measures its memory (bench/memory.ts).
import type { BenchOptions } from './options.ts';
import { SUITE } from './suite.ts';
import { runEntry, generatorFor, type CaseResult } from './cases.ts';
import type { InputKind, QueryId } from './queries/query.ts';
import { measureMemory, type MemoryResult } from './memory.ts';

export interface Generation {
  readonly input: InputKind;
  readonly events: number;
  readonly ms: number;
  readonly eventsPerSec: number;
}

export interface LocalReport {
  readonly generation: Partial<Record<InputKind, Generation>>;
  readonly results: CaseResult[];
  readonly memory: Partial<Record<QueryId, MemoryResult>>;
}

export function generateInput(kind: InputKind, seed: number, count: number): { input: unknown[]; generation: Generation } {
  const gen = generatorFor(kind, seed, count);
  const input = new Array<unknown>(count);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) input[i] = gen.at(i);
  const ms = performance.now() - t0;
  return { input, generation: { input: kind, events: count, ms, eventsPerSec: count / (ms / 1000) } };
}

export async function runLocal(o: BenchOptions, log: (line: string) => void): Promise<LocalReport> {
  const inputs = new Map<InputKind, unknown[]>();
  const generation: Partial<Record<InputKind, Generation>> = {};
  const results: CaseResult[] = [];
  const memory: Partial<Record<QueryId, MemoryResult>> = {};
  for (const e of SUITE) {
    const q = e.query;
    if (!o.queries.includes(q.id)) continue;
    let input = inputs.get(q.input);
    if (input === undefined) {
      const g = generateInput(q.input, o.seed, o.events);
      input = g.input;
      inputs.set(q.input, input);
      generation[q.input] = g.generation;
      log(`generated ${o.events.toLocaleString('en-US')} ${q.input} in ${g.generation.ms.toFixed(0)} ms (first pass, cold)`);
    }
    results.push(...(await runEntry(e, { input, seed: o.seed, runs: o.runs, warmup: o.warmup, minSampleMs: o.minSampleMs, gcBetween: o.gcBetween, sink: o.sink, mode: o.mode, profileDir: o.profileDir, log })));
    if (o.mode === null && o.profileDir === null) memory[q.id] = await measureMemory(e, input, o, log);
  }
  return { generation, results, memory };
}
