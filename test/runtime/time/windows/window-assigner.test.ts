import { describe, expect, it } from 'vitest';
import { windowStart, describeAssigner } from '../../../../runtime/time/windows/window-assigner.ts';
import { Windows, RivuletError } from '../../../../runtime/index.ts';

function error(f: () => unknown): RivuletError {
  try {
    f();
  } catch (e) {
    return e as RivuletError;
  }
  throw new Error('expected a throw');
}

describe('windowStart', () => {
  it("computes Flink's TimeWindow.getWindowStartWithOffset, negative timestamps and offsets included", () => {
    expect(windowStart(0, 0, 10)).toBe(0);
    expect(windowStart(9, 0, 10)).toBe(0);
    expect(windowStart(10, 0, 10)).toBe(10);
    expect(windowStart(-1, 0, 10)).toBe(-10);
    expect(windowStart(-10, 0, 10)).toBe(-10);
    expect(windowStart(-11, 0, 10)).toBe(-20);
    expect(windowStart(2, 3, 10)).toBe(-7);
    expect(windowStart(3, 3, 10)).toBe(3);
    expect(windowStart(0, -3, 10)).toBe(-3);
    expect(windowStart(1_700_000_000_123, 0, 3_600_000)).toBe(1_699_999_200_000);
  });

  it('agrees with the remainder formula for epoch-millisecond times, window edges, offsets and huge times', () => {
    const reference = (ts: number, offset: number, size: number): number => ts - ((((ts - offset) % size) + size) % size);
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const sizes = [1, 7, 1000, 2000, 10_000, 86_400_000, 3_600_007];
    const bases = [0, -5_000_000, 1_767_225_600_000, 2 ** 52 - 1_000_000, 2 ** 53 - 20_000, -(2 ** 52)];
    for (let i = 0; i < 20_000; i++) {
      const size = sizes[next() % sizes.length] as number;
      const base = bases[next() % bases.length] as number;
      const ts = base + (next() % 3) * size + (next() % 5) - 2 + (next() % size);
      const offset = (next() % 3) - 1 === 0 ? 0 : (next() % size) * ((next() % 2) * 2 - 1);
      expect(windowStart(ts, offset, size)).toBe(reference(ts, offset, size));
    }
  });
});

describe('Windows', () => {
  it('builds event-time assigners by default, processing-time ones on request', () => {
    expect(Windows.tumbling(1000)).toEqual({ kind: 'tumbling', size: 1000, offset: 0, time: 'event' });
    expect(Windows.tumbling(1000, 250)).toEqual({ kind: 'tumbling', size: 1000, offset: 250, time: 'event' });
    expect(Windows.sliding(1000, 100, { time: 'processing' })).toEqual({
      kind: 'sliding',
      size: 1000,
      slide: 100,
      offset: 0,
      time: 'processing',
    });
    expect(Windows.session(30_000)).toEqual({ kind: 'session', gap: 30_000, time: 'event' });
  });

  it('rejects sizes, slides and gaps that are not positive integers with BAD_ARGUMENT', () => {
    for (const f of [
      () => Windows.tumbling(0),
      () => Windows.tumbling(-5),
      () => Windows.tumbling(1.5),
      () => Windows.sliding(10, 0),
      () => Windows.session(0),
      () => Windows.tumbling('10' as unknown as number),
    ]) {
      expect(error(f).code).toBe('BAD_ARGUMENT');
    }
    expect(error(() => Windows.tumbling(0)).message).toBe(
      'Windows.tumbling: size must be a positive integer number of ms, got 0. Pass a positive integer number of ms.',
    );
  });

  it('rejects a slide larger than the size, pointing to tumbling windows', () => {
    const e = error(() => Windows.sliding(10, 20));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('use Windows.tumbling');
  });

  it('rejects a fractional offset and an unknown time domain', () => {
    expect(error(() => Windows.tumbling(10, { offset: 0.5 })).code).toBe('BAD_ARGUMENT');
    expect(error(() => Windows.tumbling(10, { time: 'wall' as 'event' })).message).toContain('"event" or "processing"');
  });

  it('describes assigners for plans', () => {
    expect(describeAssigner(Windows.tumbling(10))).toBe('tumbling(10)');
    expect(describeAssigner(Windows.tumbling(10, { offset: 3, time: 'processing' }))).toBe('tumbling(10, offset 3, processing time)');
    expect(describeAssigner(Windows.sliding(10, 5))).toBe('sliding(10, 5)');
    expect(describeAssigner(Windows.session(7))).toBe('session(gap 7)');
  });
});
