import { describe, expect, it } from 'vitest';
import { RivuletError, StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { error } from '../../helpers/rivulet-errors.ts';

const env = new StreamEnvironment();
const plain = env.fromElements({ k: 'a', t: 1, v: 1 });
const timed = plain.withWatermarks({ timestamp: 't' });

describe('KeyedStream argument checks', () => {
  it('refuses an event-time window on a stream without timestamps with NO_TIMESTAMPS pointing to withWatermarks', () => {
    const e = error(() => plain.keyBy('k').window(Windows.tumbling(10)));
    expect(e.code).toBe('NO_TIMESTAMPS');
    expect(e.message).toBe(
      'window(tumbling) uses event time, but the stream has no timestamps. ' +
        'Call .withWatermarks({ timestamp: r => r.time, maxOutOfOrderness: ms }) on the source first, ' +
        'or use a processing-time window (Windows.tumbling(size, { time: "processing" })).',
    );
    expect(error(() => plain.windowAll(Windows.session(5))).code).toBe('NO_TIMESTAMPS');
  });

  it('accepts a processing-time window on a stream without timestamps', () => {
    expect(() => plain.keyBy('k').window(Windows.tumbling(10, { time: 'processing' }))).not.toThrow();
  });

  it('refuses something that is not a window assigner', () => {
    const e = error(() => timed.keyBy('k').window({ size: 10 } as never));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('Windows.tumbling(size), Windows.sliding(size, slide) or Windows.session(gap)');
  });

  it('refuses a window over a changelog with CHANGELOG_INPUT', () => {
    const changelog = timed.keyBy('k').aggregate({ n: agg.count() });
    expect(error(() => changelog.keyBy('key').window(Windows.tumbling(10))).code).toBe('CHANGELOG_INPUT');
    expect(error(() => changelog.keyBy('key').aggregate({ m: agg.count() })).code).toBe('CHANGELOG_INPUT');
  });

  it('accepts a changelog turned into plain rows by changelog()', () => {
    const changelog = timed.keyBy('k').aggregate({ n: agg.count() });
    expect(() => changelog.changelog().keyBy('key').aggregate({ m: agg.count() })).not.toThrow();
  });

  it('refuses a reduce that is not a function and a shorthand field that is not a field', () => {
    expect(error(() => plain.keyBy('k').reduce(undefined as never)).message).toBe(
      'reduce: the function must be a function, got undefined. Pass a function.',
    );
    expect(error(() => plain.keyBy('k').sum({} as never)).code).toBe('BAD_ARGUMENT');
  });

  it('exposes the key selector, from a field name or a tuple position', () => {
    expect(plain.keyBy('k').key({ k: 'z', t: 0, v: 0 })).toBe('z');
    const tuples = env.fromElements<[string, number]>(['p', 1]);
    expect(tuples.keyBy(1).key(['p', 7])).toBe(7);
  });
});

describe('KeyedStream minBy and maxBy', () => {
  it('keeps the whole record with the smallest or largest field, the first one on ties', async () => {
    const rows = [
      { k: 'a', v: 3, id: 1 },
      { k: 'a', v: 1, id: 2 },
      { k: 'a', v: 1, id: 3 },
      { k: 'a', v: 5, id: 4 },
    ];
    const env = new StreamEnvironment();
    expect(await env.fromArray(rows).keyBy('k').minBy('v').collect()).toEqual([{ k: 'a', v: 1, id: 2 }]);
    expect(await env.fromArray(rows).keyBy('k').maxBy('v').collect()).toEqual([{ k: 'a', v: 5, id: 4 }]);
  });
});

describe('Windows offsets', () => {
  it('refuses an offset as large as the size, as Flink does', () => {
    expect(() => Windows.tumbling(10, { offset: 10 })).toThrow(/offset/);
    expect(() => Windows.sliding(10, 5, { offset: -5 })).toThrow(/offset/);
    expect(Windows.tumbling(10, { offset: -9 }).offset).toBe(-9);
  });
});
