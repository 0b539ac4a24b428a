// What a window keeps and what it emits when it fires. Three kinds: aggregate (accumulators only, the common
// and fast case), reduce (one running value), and process (every element, handed to the user's function).
import type { AggregateSet } from '../aggregates/aggregate-set.ts';
import type { Collector } from '../flat-map.ts';
import { privateCopy } from '../private-copy.ts';

export interface WindowInfo {
  readonly start: number;
  readonly end: number;
}

export interface WindowContents<C> {
  create(): C;
  add(contents: C, row: unknown): C;
  merge(a: C, b: C): C;
  /** The rows a firing emits for `key` and `window`. */
  results(key: unknown, window: WindowInfo, contents: C, watermark: number): unknown[];
  /** True when a window's contents may be built by merging those of its slices (built-in aggregates only). */
  readonly sliceable?: boolean;
}

/** Rows { key, windowStart, windowEnd, ...aggregates } (no key for windowAll). */
export function aggregateContents(aggs: AggregateSet, keyed: boolean): WindowContents<unknown[]> {
  return {
    sliceable: aggs.sliceable,
    create: () => aggs.create(),
    add: (accs, row) => {
      aggs.add(accs, row);
      return accs;
    },
    merge: (a, b) => aggs.merge(a, b),
    results: (key, w, accs) => {
      const row: Record<string, unknown> = keyed
        ? { key, windowStart: w.start, windowEnd: w.end }
        : { windowStart: w.start, windowEnd: w.end };
      return [aggs.writeResults(accs, row)];
    },
  };
}

interface Reduced {
  has: boolean;
  value: unknown;
}

/** The reduced element itself, as Flink's window reduce emits it. */
export function reduceContents(fn: (a: any, b: any) => unknown): WindowContents<Reduced> {
  return {
    create: () => ({ has: false, value: undefined }),
    // The reduced value is a private copy and results are copies of it (see private-copy.ts).
    add: (c, row) => {
      if (!c.has) c.value = privateCopy(row);
      else {
        const next = fn(c.value, row);
        c.value = next === row ? privateCopy(next) : next;
      }
      c.has = true;
      return c;
    },
    merge: (a, b) => (!a.has ? b : !b.has ? a : { has: true, value: fn(a.value, b.value) }),
    results: (_k, _w, c) => (c.has ? [privateCopy(c.value)] : []),
  };
}

export interface ProcessWindowContext {
  readonly window: WindowInfo;
  readonly currentWatermark: number;
}

/** Flink's ProcessWindowFunction: process(key, context, elements, out). */
export type ProcessWindowFunction<T, R> = (
  key: any,
  context: ProcessWindowContext,
  elements: T[],
  out: Collector<R>,
) => void;

export function processContents(fn: ProcessWindowFunction<unknown, unknown>): WindowContents<unknown[]> {
  return {
    create: () => [],
    add: (elements, row) => {
      elements.push(row);
      return elements;
    },
    merge: (a, b) => a.concat(b),
    results: (key, window, elements, watermark) => {
      const rows: unknown[] = [];
      fn(key, { window, currentWatermark: watermark }, elements.slice(), { collect: (r) => rows.push(r) });
      return rows;
    },
  };
}
