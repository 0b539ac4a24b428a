// Window and interval joins on DuckDB: every pair, as the streaming engine gives them, when no element is
// behind its own input's watermark; a refusal (and a fallback with engine 'auto') when some element is,
// because then the result depends on how the two inputs interleave.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows } from '../../../runtime/index.ts';
import { rejection } from '../../helpers/rivulet-errors.ts';

const asSet = (rows: unknown[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

function inputs(lateClick: boolean) {
  const env = new StreamEnvironment({ parallelism: 2 });
  const orders = env
    .fromArray(Array.from({ length: 30 }, (_, i) => ({ id: i, user: 'u' + (i % 4), ts: i * 100 })))
    .withWatermarks({ timestamp: 'ts', maxOutOfOrderness: 50 });
  const clickRows = Array.from({ length: 40 }, (_, i) => ({ page: 'p' + i, user: 'u' + (i % 5), ts: i * 70 + (i % 3) * 20 }));
  if (lateClick) clickRows.push({ page: 'late', user: 'u1', ts: 100 });
  const clicks = env.fromArray(clickRows).withWatermarks({ timestamp: (c) => c.ts, maxOutOfOrderness: 100 });
  return { orders, clicks };
}

describe('joins on DuckDB', () => {
  it('gives the window join\'s pairs for tumbling and sliding windows', async () => {
    for (const w of [Windows.tumbling(500), Windows.sliding(600, 200)]) {
      const { orders, clicks } = inputs(false);
      const j = orders.join(clicks).where('user').equalTo((c) => c.user).window(w).apply((o, c) => ({ id: o.id, page: c.page, gap: c.ts - o.ts }));
      const rows = await j.collect({ engine: 'duckdb' });
      expect(rows.length).toBeGreaterThan(0);
      expect(asSet(rows)).toEqual(asSet(await j.collect()));
    }
  });

  it('gives the interval join\'s pairs', async () => {
    const { orders, clicks } = inputs(false);
    const j = orders.keyBy('user').intervalJoin(clicks.keyBy((c) => c.user)).between(-100, 200).apply((o, c) => ({ id: o.id, page: c.page }));
    const rows = await j.collect({ engine: 'duckdb' });
    expect(rows.length).toBeGreaterThan(0);
    expect(asSet(rows)).toEqual(asSet(await j.collect()));
  });

  it('refuses a join with an element behind its own watermark, and runs it on the streaming engine with auto', async () => {
    const { orders, clicks } = inputs(true);
    const j = orders.keyBy('user').intervalJoin(clicks.keyBy((c) => c.user)).between(-100, 200).apply((o, c) => ({ id: o.id, page: c.page }));
    const e = await rejection(j.collect({ engine: 'duckdb' }));
    expect(e.code).toBe('BATCH_UNTRANSLATABLE');
    expect(e.message).toContain('depends on how its two inputs interleave');
    const info = console.info;
    console.info = () => {};
    try {
      const rows = await j.collect({ engine: 'auto' });
      expect((rows as { engine?: string }).engine).toBe('streaming');
    } finally {
      console.info = info;
    }
  });

  it('refuses join process functions and session window joins, naming the reason', async () => {
    const { orders, clicks } = inputs(false);
    const p = orders.join(clicks).where('user').equalTo('user').window(Windows.tumbling(500)).process((o, c, _ctx, out) => out.collect({ id: o.id, page: c.page }));
    expect((await rejection(p.collect({ engine: 'duckdb' }))).message).toContain('join process functions are not translated');
    const s = orders.join(clicks).where('user').equalTo('user').window(Windows.session(300)).apply((o, c) => ({ id: o.id, page: c.page }));
    expect((await rejection(s.collect({ engine: 'duckdb' }))).message).toContain('session window joins are not translated');
  });
});
