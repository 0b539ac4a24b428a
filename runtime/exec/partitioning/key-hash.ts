// Java hashCode semantics for Rivulet keys, so that a key lands in the same key group as it would in Flink
// (Integer, Long, Double, String, Boolean and Tuple hash codes), plus the canonical form state maps are
// keyed by. Invariant: keys with equal canonicalKey() have equal keyHashCode(), so equal keys always meet
// in one partition.
import { RivuletError } from '../../errors/rivulet-error.ts';

const TWO_32 = 2 ** 32;
const NUL = '\u0000';
const KEY_KINDS = 'a number, string, boolean, bigint, null, undefined, Date, array, Map, Set or plain object';

// Scratch space for doubleToLongBits; reused so hashing a double does not allocate.
const scratch = new DataView(new ArrayBuffer(8));

/** The Java hashCode of a key: the int the key's Java counterpart would return. */
export function keyHashCode(key: unknown): number {
  if (typeof key === 'number') return numberHashCode(key);
  if (typeof key === 'string') return stringHashCode(key);
  return otherHashCode(key, []);
}

/** Java String.hashCode over UTF-16 code units: h = 31*h + c, in 32-bit arithmetic. */
export function stringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * A number as Java would box it: int32 integers as Integer, other safe integers as Long, everything else
 * (fractions, NaN, infinities, integers beyond 2^53) as Double. -0 counts as 0.
 */
export function numberHashCode(n: number): number {
  if ((n | 0) === n) return n | 0;
  if (Number.isSafeInteger(n)) return longHashCode(n);
  return doubleHashCode(n);
}

/** Java Long.hashCode, (int)(v ^ (v >>> 32)), for a safe integer, computed on its two 32-bit halves. */
export function longHashCode(v: number): number {
  const high = Math.floor(v / TWO_32); // two's complement high word, as a (small) signed integer
  const low = v - high * TWO_32; // 0 <= low < 2^32
  return (low | 0) ^ (high | 0);
}

/** Java Double.hashCode: the two halves of doubleToLongBits (NaN canonicalised) xor-ed; exact, so -0 is not 0 here. */
export function doubleHashCode(d: number): number {
  if (Number.isNaN(d)) return 0x7ff80000; // doubleToLongBits(NaN) = 0x7ff8000000000000
  scratch.setFloat64(0, d); // big-endian: high word first
  return scratch.getInt32(0) ^ scratch.getInt32(4);
}

/** Java Long.hashCode of a bigint, truncated to 64 bits as (long) would. */
export function bigintHashCode(v: bigint): number {
  const low = Number(BigInt.asIntN(32, v));
  const high = Number(BigInt.asIntN(32, v >> 32n));
  return low ^ high;
}

/** Flink Tuple.hashCode: result = hash(e0); result = 31*result + hash(ei); 0 for an empty tuple. */
function tupleHashCode(items: readonly unknown[], ancestors: unknown[]): number {
  enter(items, ancestors, 'keyHashCode');
  let h = 0;
  for (const item of items) h = (Math.imul(31, h) + elementHashCode(item, ancestors)) | 0;
  ancestors.pop();
  return h;
}

function elementHashCode(item: unknown, ancestors: unknown[]): number {
  if (typeof item === 'number') return numberHashCode(item);
  if (typeof item === 'string') return stringHashCode(item);
  return otherHashCode(item, ancestors);
}

function otherHashCode(key: unknown, ancestors: unknown[]): number {
  if (key === null || key === undefined) return 0;
  if (typeof key === 'boolean') return key ? 1231 : 1237;
  if (typeof key === 'bigint') return bigintHashCode(key);
  if (Array.isArray(key)) return tupleHashCode(key, ancestors);
  if (key instanceof Date) return dateHashCode(key);
  if (typeof key === 'object') return stringHashCode(encodeObject(key, ancestors));
  throw badKey('keyHashCode', key);
}

/** Java Date.hashCode is Long.hashCode(getTime()); an invalid Date hashes like NaN. */
function dateHashCode(d: Date): number {
  const t = d.getTime();
  return Number.isSafeInteger(t) ? longHashCode(t) : doubleHashCode(t);
}

/**
 * What state maps are keyed by: numbers and strings unchanged (Map compares them by SameValueZero), anything
 * else a canonical string, "\u0000" + an encoding with object keys sorted. A user string that itself starts
 * with "\u0000" is encoded too (as a quoted string after the prefix), so the two can never collide.
 */
export function canonicalKey(key: unknown): string | number {
  if (typeof key === 'number') return key;
  if (typeof key === 'string') return key.charCodeAt(0) === 0 ? NUL + JSON.stringify(key) : key;
  return NUL + encode(key, []);
}

/**
 * An injective text encoding: numbers bare (-0 as 0), strings JSON-quoted, bigints with "n", Dates as
 * Date(ms), arrays [..], objects {..} with sorted keys (undefined-valued properties left out, as in JSON),
 * Maps Map{..} and Sets Set[..] with sorted entries.
 */
function encode(key: unknown, ancestors: unknown[]): string {
  if (typeof key === 'number') return Object.is(key, -0) ? '0' : String(key);
  if (typeof key === 'string') return JSON.stringify(key);
  if (key === null) return 'null';
  if (key === undefined) return 'undefined';
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'bigint') return `${key}n`;
  if (key instanceof Date) return `Date(${key.getTime()})`;
  if (typeof key === 'object') return encodeObject(key, ancestors);
  throw badKey('canonicalKey', key);
}

function encodeObject(obj: object, ancestors: unknown[]): string {
  enter(obj, ancestors, 'canonicalKey');
  const text = Array.isArray(obj)
    ? `[${obj.map((item) => encode(item, ancestors)).join(',')}]`
    : obj instanceof Map
      ? encodeMap(obj, ancestors)
      : obj instanceof Set
        ? `Set[${[...obj].map((item) => encode(item, ancestors)).sort().join(',')}]`
        : encodeRecord(obj as Record<string, unknown>, ancestors);
  ancestors.pop();
  return text;
}

function encodeMap(map: Map<unknown, unknown>, ancestors: unknown[]): string {
  const entries = [...map].map(([k, v]) => `${encode(k, ancestors)}:${encode(v, ancestors)}`);
  return `Map{${entries.sort().join(',')}}`;
}

function encodeRecord(record: Record<string, unknown>, ancestors: unknown[]): string {
  const fields: string[] = [];
  for (const name of Object.keys(record).sort()) {
    const value = record[name];
    if (value !== undefined) fields.push(`${JSON.stringify(name)}:${encode(value, ancestors)}`);
  }
  return `{${fields.join(',')}}`;
}

/** Pushes `obj` on the ancestor stack, refusing cycles (they have no finite encoding). */
function enter(obj: unknown, ancestors: unknown[], where: string): void {
  if (ancestors.includes(obj)) {
    throw new RivuletError('BAD_ARGUMENT', { where, name: 'key', expected: 'a key without cycles', got: '[cyclic object]' });
  }
  ancestors.push(obj);
}

function badKey(where: string, key: unknown): RivuletError {
  return new RivuletError('BAD_ARGUMENT', { where, name: 'key', expected: KEY_KINDS, got: key });
}
