// State descriptors of a keyed process function (Flink's ValueStateDescriptor & co. with StateTtlConfig): a
// state's name, and optionally a time-to-live measured in processing time. A descriptor is a name string or
// { name, ttl?: { ttlMs, update?, visibility? } }; parsing checks it and gives the normalized form the state
// handles work with.
import { RivuletError } from '../../errors/rivulet-error.ts';

/** When an entry's last-access time is refreshed (Flink's StateTtlConfig.UpdateType). */
export type TtlUpdate = 'onCreateAndWrite' | 'onReadAndWrite';
/** Whether an expired entry that is still stored may be returned once (Flink's StateVisibility). */
export type TtlVisibility = 'neverReturnExpired' | 'returnExpiredIfNotCleanedUp';

/** Flink's StateTtlConfig: entries expire `ttlMs` of processing time after their last refresh. */
export interface StateTtlConfig {
  readonly ttlMs: number;
  /** Default 'onCreateAndWrite', as Flink. */
  readonly update?: TtlUpdate;
  /** Default 'neverReturnExpired', as Flink. */
  readonly visibility?: TtlVisibility;
}

export type StateDescriptor = string | { readonly name: string; readonly ttl?: StateTtlConfig };

export type StateKind = 'value' | 'list' | 'map';

export interface NormalizedTtl {
  readonly ttlMs: number;
  /** Reads refresh the last-access time too (onReadAndWrite). */
  readonly refreshOnRead: boolean;
  /** An expired entry still stored is returned (once) instead of hidden. */
  readonly returnExpired: boolean;
}

export interface ParsedDescriptor {
  readonly kind: StateKind;
  readonly name: string;
  readonly ttl: NormalizedTtl | null;
  /** What the descriptor says, for comparing two declarations of one name. */
  readonly signature: string;
}

/** Table names starting with this are the operators' own; user state names may not. */
export const RESERVED_PREFIX = '$';

const DESCRIPTOR_KEYS = new Set(['name', 'ttl']);
const TTL_KEYS = new Set(['ttlMs', 'update', 'visibility']);

export function parseDescriptor(kind: StateKind, d: unknown): ParsedDescriptor {
  const where = `ctx.state.${kind}`;
  const bad = (problem: string, got: unknown = d): RivuletError =>
    new RivuletError('BAD_STATE_DESCRIPTOR', { where, problem, got });
  let name: unknown;
  let ttl: unknown;
  if (typeof d === 'string') {
    name = d;
  } else if (typeof d === 'object' && d !== null && !Array.isArray(d)) {
    for (const k of Object.keys(d)) if (!DESCRIPTOR_KEYS.has(k)) throw bad(`a descriptor has only "name" and "ttl", not "${k}"`);
    name = (d as { name?: unknown }).name;
    ttl = (d as { ttl?: unknown }).ttl;
  } else {
    throw bad('the descriptor must be a state name or { name, ttl? }');
  }
  if (typeof name !== 'string' || name === '') throw bad('the state name must be a non-empty string', name);
  if (name.startsWith(RESERVED_PREFIX)) throw bad(`state names starting with "${RESERVED_PREFIX}" are reserved`, name);
  const parsed = ttl === undefined ? null : parseTtl(ttl, bad);
  const signature = parsed === null ? kind : `${kind} with ttl ${JSON.stringify({ ttlMs: parsed.ttlMs, update: parsed.refreshOnRead ? 'onReadAndWrite' : 'onCreateAndWrite', visibility: parsed.returnExpired ? 'returnExpiredIfNotCleanedUp' : 'neverReturnExpired' })}`;
  return { kind, name, ttl: parsed, signature };
}

function parseTtl(ttl: unknown, bad: (problem: string, got?: unknown) => RivuletError): NormalizedTtl {
  if (typeof ttl !== 'object' || ttl === null || Array.isArray(ttl)) throw bad('ttl must be { ttlMs, update?, visibility? }', ttl);
  for (const k of Object.keys(ttl)) if (!TTL_KEYS.has(k)) throw bad(`ttl has only "ttlMs", "update" and "visibility", not "${k}"`, ttl);
  const t = ttl as { ttlMs?: unknown; update?: unknown; visibility?: unknown };
  if (typeof t.ttlMs !== 'number' || !Number.isInteger(t.ttlMs) || t.ttlMs <= 0) {
    throw bad('ttl.ttlMs must be a positive integer number of ms', t.ttlMs);
  }
  const update = t.update ?? 'onCreateAndWrite';
  if (update !== 'onCreateAndWrite' && update !== 'onReadAndWrite') {
    throw bad('ttl.update must be "onCreateAndWrite" or "onReadAndWrite"', t.update);
  }
  const visibility = t.visibility ?? 'neverReturnExpired';
  if (visibility !== 'neverReturnExpired' && visibility !== 'returnExpiredIfNotCleanedUp') {
    throw bad('ttl.visibility must be "neverReturnExpired" or "returnExpiredIfNotCleanedUp"', t.visibility);
  }
  return { ttlMs: t.ttlMs, refreshOnRead: update === 'onReadAndWrite', returnExpired: visibility === 'returnExpiredIfNotCleanedUp' };
}

/** Flink's TtlUtils.expired: an entry refreshed at `t` is expired once t + ttl <= now. */
export function isExpired(t: number, ttl: NormalizedTtl, now: number): boolean {
  return t + ttl.ttlMs <= now;
}
