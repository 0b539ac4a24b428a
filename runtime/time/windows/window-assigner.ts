// Window assigners: which windows an element belongs to, exactly as Flink computes them (tumbling and sliding
// starts with offsets, sessions that merge when they intersect or touch). Time is event time unless the
// assigner says processing time.
import { RivuletError } from '../../errors/rivulet-error.ts';

export type TimeDomain = 'event' | 'processing';

export interface TumblingAssigner {
  readonly kind: 'tumbling';
  readonly size: number;
  readonly offset: number;
  readonly time: TimeDomain;
}
export interface SlidingAssigner {
  readonly kind: 'sliding';
  readonly size: number;
  readonly slide: number;
  readonly offset: number;
  readonly time: TimeDomain;
}
export interface SessionAssigner {
  readonly kind: 'session';
  readonly gap: number;
  readonly time: TimeDomain;
}
export type WindowAssigner = TumblingAssigner | SlidingAssigner | SessionAssigner;

export interface WindowOptions {
  offset?: number;
  time?: TimeDomain;
}

/** Flink's TimeWindow.getWindowStartWithOffset. */
export function windowStart(ts: number, offset: number, size: number): number {
  // Epoch milliseconds are beyond 2^31, so `%` would be a floating-point remainder (a call into C, on every
  // element of every window operator). For integers below 2^53 a floor division is exact and much cheaper:
  // the quotient's rounding error is far smaller than its distance to the next integer.
  const x = ts - offset;
  if (x <= MAX_EXACT && x >= -MAX_EXACT) return ts - (x - Math.floor(x / size) * size);
  return ts - (((x % size) + size) % size);
}

/** Below this, windowStart's floor division is exact for any integer size. */
const MAX_EXACT = 2 ** 52;

function positive(where: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new RivuletError('BAD_ARGUMENT', { where, name, expected: 'a positive integer number of ms', got: v });
  }
  return v;
}

/** Options of an aligned window; `period` bounds the offset as Flink does (|offset| < size or slide). */
function options(where: string, o: WindowOptions | number | undefined, period: number): { offset: number; time: TimeDomain } {
  const opts: WindowOptions = typeof o === 'number' ? { offset: o } : (o ?? {});
  const offset = opts.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || Math.abs(offset) >= period) {
    throw new RivuletError('BAD_ARGUMENT', {
      where,
      name: 'offset',
      expected: `an integer number of ms between -${period - 1} and ${period - 1}`,
      got: offset,
    });
  }
  const time = opts.time ?? 'event';
  if (time !== 'event' && time !== 'processing') {
    throw new RivuletError('BAD_ARGUMENT', { where, name: 'time', expected: '"event" or "processing"', got: time });
  }
  return { offset, time };
}

/** Windows.tumbling/sliding/session: the public factory. */
export const Windows = {
  /** Fixed-size, non-overlapping windows [start, start + size). */
  tumbling(size: number, opts?: WindowOptions | number): TumblingAssigner {
    const s = positive('Windows.tumbling', 'size', size);
    return { kind: 'tumbling', size: s, ...options('Windows.tumbling', opts, s) };
  },
  /** Windows of `size` starting every `slide`; an element is in about size/slide of them. */
  sliding(size: number, slide: number, opts?: WindowOptions | number): SlidingAssigner {
    const s = positive('Windows.sliding', 'size', size);
    const sl = positive('Windows.sliding', 'slide', slide);
    if (sl > s) {
      throw new RivuletError('BAD_ARGUMENT', {
        where: 'Windows.sliding',
        name: 'slide',
        expected: `at most the size (${s})`,
        got: slide,
        hint: 'A slide larger than the size skips elements; use Windows.tumbling for slide = size.',
      });
    }
    return { kind: 'sliding', size: s, slide: sl, ...options('Windows.sliding', opts, sl) };
  },
  /** Per-key sessions that close after `gap` ms without elements. */
  session(gap: number, opts?: { time?: TimeDomain }): SessionAssigner {
    const g = positive('Windows.session', 'gap', gap);
    return { kind: 'session', gap: g, time: options('Windows.session', opts, Infinity).time };
  },
};

export function describeAssigner(a: WindowAssigner): string {
  const t = a.time === 'processing' ? ', processing time' : '';
  if (a.kind === 'tumbling') return `tumbling(${a.size}${a.offset ? `, offset ${a.offset}` : ''}${t})`;
  if (a.kind === 'sliding') return `sliding(${a.size}, ${a.slide}${a.offset ? `, offset ${a.offset}` : ''}${t})`;
  return `session(gap ${a.gap}${t})`;
}

export function isWindowAssigner(x: unknown): x is WindowAssigner {
  if (typeof x !== 'object' || x === null) return false;
  const k = (x as { kind?: unknown }).kind;
  return k === 'tumbling' || k === 'sliding' || k === 'session';
}
