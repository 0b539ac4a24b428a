// Allocation of one query's runtime job, measured deterministically: the young-generation collections
// (scavenges) V8 makes over repeated runs of the job on the same events, with a fixed young generation.
// Timings on a shared machine are noisy; this count is not, so it shows what an allocation change did.
//   node --max-semi-space-size=16 --import tsx bench/allocation.ts q8 [events] [runs]
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { StreamEnvironment } from '../runtime/index.ts';
import { generateInput } from './local.ts';
import { SUITE } from './suite.ts';
import type { QueryId } from './queries/query.ts';

const id = (process.argv[2] ?? 'q8') as QueryId;
const n = Number(process.argv[3] ?? 1_000_000);
const runs = Number(process.argv[4] ?? 5);
const entry = SUITE.find((e) => e.query.id === id);
if (entry === undefined) throw new Error(`no query ${id}`);
const q = entry.query;
const input = generateInput(q.input, 7, n).input;
const env = new StreamEnvironment({ stdout: () => {} });
q.pipeline(env.fromArray(input) as never).addSink(() => {});
let scavenges = 0;
let gcMs = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
    gcMs += e.duration;
  }
});
await env.execute(id); // warm-up
obs.observe({ entryTypes: ['gc'] });
const c0 = process.cpuUsage();
for (let i = 0; i < runs; i++) await env.execute(id);
const c = process.cpuUsage(c0);
await new Promise((r) => setTimeout(r, 50));
obs.disconnect();
const cpuMs = (c.user + c.system) / 1000 / runs;
console.log(`${id}: ${(scavenges / runs).toFixed(1)} scavenges per run of ${n} events, ${(gcMs / runs).toFixed(1)} ms GC, ${cpuMs.toFixed(1)} ms CPU per run`);
