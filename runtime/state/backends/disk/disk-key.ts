// How the disk backend lays keys out in its one LMDB database: 4 bytes of table id (big-endian, so that a
// table's keys are contiguous), a type tag, then the canonical key — a number as its float64 bytes, a string
// as UTF-8 (as UTF-16 when it has lone surrogates, which UTF-8 cannot carry). 1 and "1" differ by their tag.
// -0 is stored as 0 and every NaN as one NaN, as a Map sees them. A string too long for an LMDB key (about
// 2 KB) is stored under its SHA-256 and its value is wrapped with the string (see isLongKey); it reads back
// as the marker LONG_KEY with the tag and hash in `hash`.
import { createHash } from 'node:crypto';

const NUMBER = 0x10;
const UTF8 = 0x20;
const UTF16 = 0x21;
const HASHED_UTF8 = 0x30;
const HASHED_UTF16 = 0x31;
/** lmdb-js's maximum key size (LMDB's default, 1978), less the table id and the tag. */
const MAX_STRING_BYTES = 1978 - 5;

/** A table-scoped key. `k` is a canonical key, LONG_KEY (with `hash`), or BOUND (the table prefix alone). */
export class DiskKey {
  constructor(
    public t: number,
    public k: unknown,
    public hash: Uint8Array | null = null,
  ) {}
}

/** The key of a hashed long string; its canonical string is stored with the value. */
export const LONG_KEY: unique symbol = Symbol('rivulet.disk.longKey');
/** Encodes only the table prefix: the start of table t's range (and the end of table t - 1's). */
export const BOUND: unique symbol = Symbol('rivulet.disk.bound');

const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Whether a canonical key is stored under a hash (its value is then stored as [canonical, value]). */
export function isLongKey(k: unknown): boolean {
  if (typeof k !== 'string' || k.length * 3 <= MAX_STRING_BYTES) return false;
  return wellFormed(k) ? Buffer.byteLength(k) > MAX_STRING_BYTES : k.length * 2 > MAX_STRING_BYTES;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

type WriteBytes = Uint8Array & { utf8Write?: (s: string, offset: number, length: number) => number };
type ReadBytes = Uint8Array & { utf8Slice?: (start: number, end: number) => string };

function writeFloat64(target: Uint8Array, at: number, v: number): void {
  f64[0] = v !== v ? NaN : v === 0 ? 0 : v;
  if (littleEndian) for (let i = 0; i < 8; i++) target[at + i] = f64Bytes[7 - i] as number;
  else target.set(f64Bytes, at);
}

function writeUtf16(target: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    target[at++] = c >>> 8;
    target[at++] = c & 0xff;
  }
  return at;
}

/** The tag and SHA-256 of a long string (its UTF-8 bytes, or UTF-16 ones when not well formed). */
function hashOf(s: string): Uint8Array {
  const utf8 = wellFormed(s);
  const bytes = utf8 ? Buffer.from(s) : new Uint8Array(s.length * 2);
  if (!utf8) writeUtf16(bytes, 0, s);
  const out = new Uint8Array(33);
  out[0] = utf8 ? HASHED_UTF8 : HASHED_UTF16;
  out.set(createHash('sha256').update(bytes).digest(), 1);
  return out;
}

/** lmdb-js's keyEncoder.writeKey: writes `key` into target at `start`, returns the end position. */
export function writeKey(key: DiskKey, target: WriteBytes, start: number): number {
  const t = key.t;
  target[start] = t >>> 24;
  target[start + 1] = (t >>> 16) & 0xff;
  target[start + 2] = (t >>> 8) & 0xff;
  target[start + 3] = t & 0xff;
  const p = start + 4;
  const k = key.k;
  if (typeof k === 'number') {
    target[p] = NUMBER;
    writeFloat64(target, p + 1, k);
    return p + 9;
  }
  if (typeof k === 'string' && !isLongKey(k)) {
    if (!wellFormed(k)) {
      target[p] = UTF16;
      return writeUtf16(target, p + 1, k);
    }
    target[p] = UTF8;
    if (target.utf8Write !== undefined) return p + 1 + target.utf8Write(k, p + 1, target.length - p - 1);
    return p + 1 + encoder.encodeInto(k, target.subarray(p + 1)).written;
  }
  if (k === BOUND) return p;
  const hash = k === LONG_KEY ? key.hash : typeof k === 'string' ? hashOf(k) : null;
  if (hash === null) {
    throw new TypeError(`the disk state backend keys tables by numbers and strings, not by ${typeof k}`);
  }
  target.set(hash, p);
  return p + hash.length;
}

/** lmdb-js's keyEncoder.readKey: a new DiskKey, which writeKey encodes back to the same bytes. */
export function readKey(source: ReadBytes, start: number, end: number): DiskKey {
  const t =
    (((source[start] as number) << 24) |
      ((source[start + 1] as number) << 16) |
      ((source[start + 2] as number) << 8) |
      (source[start + 3] as number)) >>>
    0;
  const p = start + 4;
  if (end === p) return new DiskKey(t, BOUND);
  const tag = source[p];
  if (tag === NUMBER) {
    if (littleEndian) for (let i = 0; i < 8; i++) f64Bytes[7 - i] = source[p + 1 + i] as number;
    else f64Bytes.set(source.subarray(p + 1, p + 9));
    return new DiskKey(t, f64[0]);
  }
  if (tag === UTF8) {
    const s = source.utf8Slice !== undefined ? source.utf8Slice(p + 1, end) : decoder.decode(source.subarray(p + 1, end));
    return new DiskKey(t, s);
  }
  if (tag === UTF16) {
    let s = '';
    for (let i = p + 1; i + 1 < end; i += 2) s += String.fromCharCode(((source[i] as number) << 8) | (source[i + 1] as number));
    return new DiskKey(t, s);
  }
  return new DiskKey(t, LONG_KEY, source.slice(p, end));
}

export const keyEncoder = { writeKey, readKey };
