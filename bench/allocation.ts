// Allocation of one query's runtime job, measured deterministically: the young-generation collections
// (scavenges) V8 makes over repeated runs of the job on the same events, with a fixed young generation.
// Timings on a shared machine are noisy; this count is not, so it shows what an allocation change did.
// With --sites, one more run under V8's sampling heap profiler (collected objects included) lists the
// functions that allocate most.
//   node --max-semi-space-size=16 --import tsx bench/allocation.ts q8 [events] [runs] [--sites]
import { Session } from 'node:inspector/promises';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { StreamEnvironment } from '../runtime/index.ts';
import { generateInput } from './local.ts';
import { SUITE } from './suite.ts';
import type { QueryId } from './queries/query.ts';

const args = process.argv.slice(2).filter((a) => a !== '--sites');
const id = (args[0] ?? 'q8') as QueryId;
const n = Number(args[1] ?? 1_000_000);
const runs = Number(args[2] ?? 5);
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

interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children?: SampleNode[];
}

if (process.argv.includes('--sites')) {
  const session = new Session();
  session.connect();
  const options = { samplingInterval: 4096, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true };
  await session.post('HeapProfiler.startSampling', options as never);
  await env.execute(id);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SampleNode } };
  session.disconnect();
  const bytes = new Map<string, number>();
  const walk = (node: SampleNode): void => {
    const f = node.callFrame;
    const site = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
    bytes.set(site, (bytes.get(site) ?? 0) + node.selfSize);
    for (const c of node.children ?? []) walk(c);
  };
  walk(profile.head);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  console.log(`allocated in one run: about ${(total / n).toFixed(0)} bytes per event; by function:`);
  for (const [site, b] of [...bytes].sort((x, y) => y[1] - x[1]).slice(0, 12)) console.log(`  ${((b / total) * 100).toFixed(1).padStart(5)}%  ${site}`);
}
