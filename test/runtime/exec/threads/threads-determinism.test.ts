// Executor 'threads' gives the results of the single-thread executor: the same changes per key (windows with
// allowed lateness, sessions, rolling aggregates and reduces, two keyed stages, a process function with timers
// and a side output, window and interval joins, late data, keyed windows feeding windowAll on the main
// thread, a union of two sources with late output), at parallelism 2 and 3 and several batch sizes, both with the
// sources read in every worker (source replication, what arrays of plain data get) and with the sources on the
// main thread sending rows to the workers.
// All pipelines run in one job per setting, so that each setting starts its worker threads once.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment } from '../../../../runtime/index.ts';
import { randomStream } from '../../../helpers/random-stream.ts';
import { canonicalJson } from '../../../helpers/oracle/windows.ts';
import { buildPipelines, type Outputs } from './pipelines.ts';
import { workerCounts } from '../../../../runtime/exec/threads/start-worker.ts';
import { setSourceReplication } from '../../../../runtime/exec/threads/source-replication.ts';
import { availableParallelism } from 'node:os';

/** Changes grouped by key, each group sorted: equal when every key saw the same changes. */
function perKeyMultiset(changes: unknown[]): string {
  const groups = new Map<string, string[]>();
  for (const c of changes) {
    const k = canonicalJson((c as { key?: unknown } | null)?.key ?? null);
    const list = groups.get(k) ?? [];
    list.push(canonicalJson(c));
    groups.set(k, list);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}:${v.sort().join('|')}`).join('\n');
}

const records = randomStream(2024, { n: 1500, keys: 30, maxDelay: 25, lateFraction: 0.05, lateBy: 40 });

async function run(options: ConstructorParameters<typeof StreamEnvironment>[0]): Promise<Map<string, string>> {
  const env = new StreamEnvironment(options);
  const outputs: Outputs = new Map();
  buildPipelines(env, records, outputs);
  const result = await env.execute('determinism');
  expect(result.status).toBe('finished');
  return new Map([...outputs].map(([name, rows]) => [name, perKeyMultiset(rows)]));
}

describe("executor 'threads' gives the single-thread results", () => {
  it.each([
    { parallelism: 2, batchSize: 1024, replicate: true },
    { parallelism: 2, batchSize: 5, replicate: true },
    { parallelism: 3, batchSize: 100, replicate: true },
    { parallelism: 3, batchSize: 1, replicate: true },
    { parallelism: 2, batchSize: 1024, replicate: false },
    { parallelism: 2, batchSize: 5, replicate: false },
    { parallelism: 3, batchSize: 100, replicate: false },
    { parallelism: 3, batchSize: 1, replicate: false },
  ])('every pipeline gives the same changes per key on worker threads as on one thread at %o', async ({ replicate, ...s }) => {
    // The same settings on one thread: with two sources (the joins), which elements are late depends on how
    // the sources' batches interleave, which the batch size decides; the threads executor keeps that order.
    const expected = await run(s);
    expect(expected.size).toBe(14);
    for (const [name, rows] of expected) expect(rows.length, name).toBeGreaterThan(0);
    const before = workerCounts();
    setSourceReplication(replicate);
    let got: Map<string, string>;
    try {
      got = await run({ ...s, executor: 'threads' });
    } finally {
      setSourceReplication(true);
    }
    const workers = Math.min(s.parallelism, availableParallelism());
    expect(workerCounts().started - before.started, 'worker threads started').toBe(workers);
    expect(workerCounts().readingSources - before.readingSources, 'workers reading the sources').toBe(replicate ? workers : 0);
    for (const [name, rows] of expected) expect(got.get(name), name).toBe(rows);
  });
});
