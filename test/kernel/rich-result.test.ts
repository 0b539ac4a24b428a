import { describe, expect, it } from 'vitest';
import { richBundle } from '../../kernel/rich-result.ts';
import { StreamEnvironment, Windows, agg, explain } from '../../runtime/index.ts';

describe('the rich result of a cell', () => {
  it('uses the mimeBundle of a Rivulet object such as an explanation of a window row', async () => {
    const env = new StreamEnvironment({ parallelism: 1 }).enableLineage();
    const view = env
      .fromElements({ k: 'a', t: 1_000, v: 1 }, { k: 'a', t: 2_000, v: 2 }, { k: 'a', t: 12_000, v: 5 })
      .withWatermarks({ timestamp: (r) => r.t, maxOutOfOrderness: 0 })
      .keyBy((r) => r.k)
      .window(Windows.tumbling(10_000))
      .aggregate({ n: agg.count() })
      .view({ name: 'rich-result-test' });
    await env.execute('rich');
    const bundle = await richBundle(explain(view, { key: 'a', windowStart: 0 }));
    expect(bundle['text/html']).toContain('<table');
    expect(String(bundle['text/plain'])).toContain('a');
  });

  it('falls back to util.inspect for plain values', async () => {
    expect(await richBundle({ x: 1 })).toEqual({ 'text/plain': '{ x: 1 }' });
  });
});
