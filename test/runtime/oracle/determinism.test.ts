// Determinism: the same input gives the same changelog (as a multiset of changes per key) and the same final
// table at parallelism 1, 2, 4 and 7 and at any micro-batch size — for windows with allowed lateness (late
// re-firings), sessions, rolling aggregates, and a two-stage pipeline (windows feeding windows).
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { randomStream, type StreamRecord } from '../../helpers/random-stream.ts';
import { canonicalJson } from '../../helpers/oracle/windows.ts';

const SETTINGS = [1, 2, 4, 7].flatMap((parallelism) => [1, 3, 100, 4096].map((batchSize) => ({ parallelism, batchSize })));

type Build = (env: StreamEnvironment, records: StreamRecord[]) => { changelog(): { collect(): Promise<unknown[]> } };

/** Changes grouped by key, each group sorted: equal when every key saw the same changes. */
function perKeyMultiset(changes: unknown[]): string {
  const groups = new Map<string, string[]>();
  for (const c of changes) {
    const k = canonicalJson((c as { key?: unknown }).key ?? null);
    const list = groups.get(k) ?? [];
    list.push(canonicalJson(c));
    groups.set(k, list);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}:${v.sort().join('|')}`).join('\n');
}

async function expectDeterministic(build: Build, records: StreamRecord[]): Promise<void> {
  let reference: string | undefined;
  for (const s of SETTINGS) {
    const env = new StreamEnvironment(s);
    const changes = await build(env, records).changelog().collect();
    const got = perKeyMultiset(changes);
    if (reference === undefined) {
      reference = got;
      expect(changes.length).toBeGreaterThan(0);
    } else expect(got, JSON.stringify(s)).toBe(reference);
  }
}

const records = randomStream(2024, { n: 1500, keys: 30, maxDelay: 25, lateFraction: 0.05, lateBy: 40 });
const timed = (env: StreamEnvironment, rs: StreamRecord[]) =>
  env.fromArray(rs).withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: 5 });

describe('results do not depend on parallelism or batch size', () => {
  it('sliding windows with allowed lateness give the same changes per key', async () => {
    await expectDeterministic(
      (env, rs) => timed(env, rs).keyBy('key').window(Windows.sliding(40, 10)).allowedLateness(30).aggregate({ n: agg.count(), s: agg.sum('value') }),
      records,
    );
  });

  it('session windows with allowed lateness give the same changes per key', async () => {
    await expectDeterministic(
      (env, rs) => timed(env, rs).keyBy('key').window(Windows.session(12)).allowedLateness(20).aggregate({ n: agg.count(), hi: agg.max('value') }),
      records,
    );
  });

  it('rolling aggregates give the same changes per key', async () => {
    await expectDeterministic((env, rs) => env.fromArray(rs).keyBy('key').aggregate({ n: agg.count(), s: agg.sum('value') }), records);
  });

  it('windows feeding a second keyed window give the same results', async () => {
    await expectDeterministic(
      (env, rs) =>
        timed(env, rs)
          .keyBy('key')
          .window(Windows.sliding(40, 10))
          .aggregate({ n: agg.count() })
          .keyBy((r) => r.windowEnd)
          .window(Windows.tumbling(10))
          .aggregate({ hottest: agg.max('n'), keys: agg.count() }),
      records,
    );
  });
});
