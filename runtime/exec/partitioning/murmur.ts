// Flink's MathUtils.murmurHash: the 32-bit MurmurHash3 mix Flink applies to a key's hashCode before taking
// it modulo maxParallelism. Reproducing it bit for bit is what puts Rivulet's keys in Flink's key groups.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const MIN_INT = -0x80000000;

/** Rotates a 32-bit integer left by `bits`. */
function rotl32(x: number, bits: number): number {
  return (x << bits) | (x >>> (32 - bits));
}

/** Flink's MathUtils.murmurHash(int): a non-negative 32-bit integer. */
export function murmurHash(code: number): number {
  let h = Math.imul(code | 0, C1);
  h = rotl32(h, 15);
  h = Math.imul(h, C2);
  h = rotl32(h, 13);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  h = fmix32(h);
  if (h >= 0) return h;
  return h === MIN_INT ? 0 : -h;
}

/** MurmurHash3's finalizer (avalanche step), as a signed 32-bit integer. */
export function fmix32(code: number): number {
  let h = code | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
