// Options every teaching generator (sensors, clicks, trades) shares — seed, count, pacing, the event time of
// event 0 — and the argument checks for them, so each generator file only describes its own data.
import { RivuletError } from '../errors/rivulet-error.ts';

export interface CommonGeneratorOptions {
  /** Seed of all randomness: the same seed and options give the same events. Default 1. */
  seed?: number;
  /** How many events in all; undefined means unbounded. */
  count?: number;
  /** Pace on the environment's clock; undefined runs as fast as possible. */
  eventsPerSecond?: number;
  /** Event time of the first event (ms since the epoch). Default 2026-01-01T00:00:00Z. */
  baseTime?: number;
}

export interface ResolvedCommon {
  readonly seed: number;
  readonly count?: number;
  readonly eventsPerSecond?: number;
  readonly baseTime: number;
}

export const BASE_TIME = Date.UTC(2026, 0, 1);

export function bad(where: string, name: string, expected: string, got: unknown): RivuletError {
  return new RivuletError('BAD_ARGUMENT', { where, name, expected, got });
}

/** Checks `options` is an object and resolves the shared options. */
export function resolveCommon(where: string, options: unknown): ResolvedCommon {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw bad(where, 'the options', 'an object', options);
  const o = options as CommonGeneratorOptions;
  const seed = o.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw bad(where, 'seed', 'an integer', seed);
  if (o.count !== undefined && !(Number.isSafeInteger(o.count) && o.count >= 0)) throw bad(where, 'count', 'a non-negative integer', o.count);
  if (o.eventsPerSecond !== undefined && !(typeof o.eventsPerSecond === 'number' && o.eventsPerSecond > 0 && Number.isFinite(o.eventsPerSecond))) {
    throw bad(where, 'eventsPerSecond', 'a positive number', o.eventsPerSecond);
  }
  const baseTime = o.baseTime ?? BASE_TIME;
  if (!Number.isSafeInteger(baseTime)) throw bad(where, 'baseTime', 'an integer time in ms', baseTime);
  return { seed, baseTime, ...(o.count !== undefined ? { count: o.count } : {}), ...(o.eventsPerSecond !== undefined ? { eventsPerSecond: o.eventsPerSecond } : {}) };
}

/** A positive number option with a default. */
export function positive(where: string, name: string, v: unknown, fallback: number, integer = false): number {
  const x = v ?? fallback;
  if (typeof x !== 'number' || !(x > 0) || !Number.isFinite(x) || (integer && !Number.isInteger(x))) throw bad(where, name, integer ? 'a positive integer' : 'a positive number', v);
  return x;
}

/** A fraction option in [0, 1] with a default. */
export function fraction(where: string, name: string, v: unknown, fallback: number): number {
  const x = v ?? fallback;
  if (typeof x !== 'number' || !(x >= 0 && x <= 1)) throw bad(where, name, 'a number between 0 and 1', v);
  return x;
}

/** Checks an event index (the Generator contract: a non-negative safe integer). */
export function checkIndex(name: string, index: number): void {
  if (!(index >= 0 && Number.isSafeInteger(index))) throw bad(`${name}.at()`, 'index', 'an integer >= 0', index);
}

/** Zero-pads `n` to `width` digits: "sensor-03". */
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
