// A map read only by an addSink runs in the sink's loop (fuse-map-sink.ts): the sink sees exactly what it
// saw through a map operator (rows, changelog kinds, order per partition), failures still name the step that
// threw, and a map with other readers, or a map and sink in other partitions, is left alone.
import { describe, expect, it } from 'vitest';
import { RivuletError, StreamEnvironment, agg } from '../../../runtime/index.ts';
import { fuseMapsIntoSinks } from '../../../runtime/exec/fuse-map-sink.ts';
import type { LogicalNode } from '../../../runtime/graph/node.ts';

type Seen = [unknown, string];

/**
 * The rows and kinds addSink receives for a rolling sum per key, mapped, at a parallelism; with `unfused`
 * the map gets a second reader, which keeps it an operator of its own.
 */
async function changelogThroughMap(parallelism: number, unfused = false): Promise<Seen[]> {
  const env = new StreamEnvironment({ parallelism });
  const seen: Seen[] = [];
  const mapped = env
    .fromElements(...Array.from({ length: 60 }, (_, i) => ({ k: i % 7, v: i })))
    .keyBy('k')
    .aggregate({ total: agg.sum('v') })
    .map((r: { key: unknown; total: number }) => `${String(r.key)}=${r.total}`);
  mapped.addSink((row, kind) => void seen.push([row, kind]));
  if (unfused) mapped.addSink(() => {});
  await env.execute();
  return seen;
}

const sortedPerKey = (xs: Seen[]): string[] => xs.map((x) => JSON.stringify(x)).sort();

describe('a map fused into its sink', () => {
  it('gives the sink the same rows and changelog kinds as a map operator would, at any parallelism', async () => {
    for (const p of [1, 2, 3]) {
      const unfused = await changelogThroughMap(p, true);
      expect(unfused.some(([, kind]) => kind === '-U')).toBe(true); // retractions and updates, not only inserts
      const fused = await changelogThroughMap(p);
      // One partition gives one order; several interleave partitions, each keeping its own order.
      if (p === 1) expect(fused).toEqual(unfused);
      else expect(sortedPerKey(fused)).toEqual(sortedPerKey(unfused));
    }
  });

  it('is what the plan runs for map → addSink, and not when the map has another reader', () => {
    const env = new StreamEnvironment();
    const mapped = env.fromElements(1, 2, 3).map((x) => x * 2);
    mapped.addSink(() => {});
    const [sink] = (env as unknown as { sinks: LogicalNode[] }).sinks;
    const [fused] = fuseMapsIntoSinks([sink as LogicalNode]);
    expect(fused?.label).toBe('map → sink function');
    expect(fused?.inputs[0]?.kind).toBe('source');

    mapped.addSink(() => {});
    const both = fuseMapsIntoSinks((env as unknown as { sinks: LogicalNode[] }).sinks);
    expect(both.map((n) => n.label)).toEqual(['sink function', 'sink function']);
  });

  it('names map when the map function throws, and addSink when the sink does', async () => {
    const run = async (mapThrows: boolean): Promise<RivuletError> => {
      const env = new StreamEnvironment();
      env
        .fromElements(1, 2, 3)
        .map((x) => {
          if (mapThrows && x === 2) throw new Error('bad map');
          return x * 10;
        })
        .addSink((x) => {
          if (!mapThrows && x === 30) throw new Error('bad sink');
        });
      return env.execute().then(
        () => {
          throw new Error('expected the job to fail');
        },
        (e: unknown) => e as RivuletError,
      );
    };
    const m = await run(true);
    expect(m.code).toBe('USER_FUNCTION_FAILED');
    expect(m.message).toContain('The function passed to map threw on record 2: bad map');
    const s = await run(false);
    expect(s.code).toBe('USER_FUNCTION_FAILED');
    expect(s.message).toContain('The function passed to addSink threw on record 30: bad sink');
  });

  it('counts the records out as before', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    env.fromElements(1, 2, 3, 4, 5).map((x) => x + 1).addSink(() => {});
    const handle = env.execute();
    await handle;
    expect(handle.metrics.recordsOut).toBe(5);
  });
});
