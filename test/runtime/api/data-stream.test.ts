import { describe, expect, it } from 'vitest';
import { RivuletError, StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { error } from '../../helpers/rivulet-errors.ts';

const env = new StreamEnvironment();
const numbers = env.fromElements(1, 2, 3);

describe('DataStream argument checks', () => {
  it('rejects a map, filter, flatMap or addSink that is not a function, naming the step', () => {
    expect(error(() => numbers.map(3 as never)).message).toBe('map: the function must be a function, got 3. Pass a function.');
    expect(error(() => numbers.filter('x > 1' as never)).message).toBe(
      'filter: the predicate must be a function, got "x > 1". Pass a function.',
    );
    expect(error(() => numbers.flatMap(null as never)).code).toBe('BAD_ARGUMENT');
    expect(error(() => numbers.addSink({} as never)).message).toContain('addSink: the sink function must be a function');
  });

  it('rejects a key that is neither a function, a field name nor a tuple position', () => {
    for (const key of [-1, 1.5, {}, null]) {
      const e = error(() => numbers.keyBy(key as never));
      expect(e.code).toBe('BAD_ARGUMENT');
      expect(e.message).toContain('keyBy: the key must be a function of the record, a field name, or a tuple position');
    }
  });

  it('rejects union with something that is not a stream, or a stream of another environment', () => {
    expect(error(() => numbers.union([4] as never)).code).toBe('BAD_ARGUMENT');
    const other = new StreamEnvironment().fromElements(4);
    const e = error(() => numbers.union(other));
    expect(e.code).toBe('MIXED_ENVIRONMENTS');
    expect(e.message).toContain('same env');
  });

  it('rejects bad watermark options', () => {
    expect(error(() => numbers.withWatermarks(undefined as never)).message).toContain('{ timestamp, maxOutOfOrderness?, idleTimeout? }');
    expect(error(() => numbers.withWatermarks({ timestamp: 5 as never })).message).toContain('withWatermarks: timestamp must be a function');
    expect(error(() => numbers.withWatermarks({ timestamp: (x) => x, maxOutOfOrderness: -1 })).message).toContain(
      'maxOutOfOrderness must be a non-negative integer',
    );
    expect(error(() => numbers.withWatermarks({ timestamp: (x) => x, idleTimeout: 0.5 })).code).toBe('BAD_ARGUMENT');
  });

  it('refuses window() on an unkeyed stream with WINDOW_ON_UNKEYED pointing to keyBy and windowAll', () => {
    const e = error(() => (numbers as unknown as { window(w: unknown): unknown }).window(Windows.tumbling(10)));
    expect(e.code).toBe('WINDOW_ON_UNKEYED');
    expect(e.message).toBe(
      'window() needs a keyed stream. Call .keyBy(...) before .window(...), or use .windowAll(...) for one window over the whole stream (parallelism 1).',
    );
  });

  it('refuses an empty uid', () => {
    expect(error(() => numbers.uid('')).code).toBe('BAD_ARGUMENT');
  });
});

describe('DataStream.collect', () => {
  it('rejects on an unbounded source with UNBOUNDED_COLLECT naming the source and pointing to take(n)', async () => {
    const s = new StreamEnvironment().fromGenerator((i) => i, { name: 'ticks' });
    const e = await s.map((x) => x).collect().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RivuletError);
    expect((e as RivuletError).code).toBe('UNBOUNDED_COLLECT');
    expect((e as RivuletError).message).toBe(
      'collect() needs a bounded stream, but source "ticks" is unbounded. ' +
        'Bound it with .take(n), give the generator a count ({ count: n }), or watch it live with .view() / .print() and env.execute().',
    );
  });

  it('rejects on a union that has one unbounded input', async () => {
    const e = new StreamEnvironment();
    const s = e.fromElements(1).union(e.fromGenerator((i) => i));
    await expect(s.collect()).rejects.toMatchObject({ code: 'UNBOUNDED_COLLECT' });
  });

  it('returns the rows of every input of a union', async () => {
    const e = new StreamEnvironment();
    const rows = await e.fromElements(1, 2).union(e.fromElements(3), e.fromArray([4, 5])).collect();
    expect([...rows].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects with USER_FUNCTION_FAILED naming the step and the record when a function throws', async () => {
    const s = new StreamEnvironment().fromElements({ id: 1 }, { id: 2 }).filter((r) => {
      if (r.id === 2) throw new TypeError('bad row');
      return true;
    });
    const e = (await s.collect().catch((x: unknown) => x)) as RivuletError;
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toBe(
      'The function passed to filter threw on record {"id":2}: bad row Fix the function or filter such records out before this step; the job was stopped.',
    );
  });

  it('names keyBy when a key function throws, at any parallelism', async () => {
    for (const parallelism of [1, 3]) {
      const s = new StreamEnvironment({ parallelism })
        .fromElements({ a: { b: 1 } }, { x: 1 })
        .keyBy((r: { a?: { b: number } }) => (r.a as { b: number }).b)
        .reduce((x) => x);
      const e = (await s.collect().catch((x: unknown) => x)) as RivuletError;
      expect(e.code).toBe('USER_FUNCTION_FAILED');
      expect(e.message).toMatch(/^The function passed to keyBy threw on record \{"x":1\}/);
    }
  });

  it('rejects with BAD_TIMESTAMP when a timestamp function returns a string', async () => {
    const s = new StreamEnvironment()
      .fromElements({ at: '2024-01-01' })
      .withWatermarks({ timestamp: (r) => r.at as unknown as number });
    const e = (await s.collect().catch((x: unknown) => x)) as RivuletError;
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('BAD_TIMESTAMP');
    expect(e.message).toContain('returned "2024-01-01"');
  });

  it('returns the final contents of a changelog, and every change after changelog()', async () => {
    const e = new StreamEnvironment({ parallelism: 2 });
    const sums = e
      .fromElements({ k: 'x', v: 1 }, { k: 'y', v: 2 }, { k: 'x', v: 3 })
      .keyBy('k')
      .aggregate({ total: agg.sum('v') });
    expect(await sums.collect()).toEqual([
      { key: 'x', total: 4 },
      { key: 'y', total: 2 },
    ]);
    const changes = await sums.changelog().collect();
    expect(changes.filter((c) => c.key === 'x')).toEqual([
      { op: '+I', key: 'x', total: 1 },
      { op: '-U', key: 'x', total: 1 },
      { op: '+U', key: 'x', total: 4 },
    ]);
    expect(changes).toHaveLength(4);
  });

  it('gives tuples and numbers of a changelog their kind in { op, value }', async () => {
    const e = new StreamEnvironment();
    const rows = await e
      .fromArray<[string, number]>([
        ['a', 1],
        ['a', 2],
      ])
      .keyBy(0)
      .sum(1)
      .changelog()
      .collect();
    expect(rows).toEqual([
      { op: '+I', value: ['a', 1] },
      { op: '-U', value: ['a', 1] },
      { op: '+U', value: ['a', 3] },
    ]);
  });
});
