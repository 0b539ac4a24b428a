// Seeded randomness for random-access generators. Like Beam's Nexmark generator, which seeds a fresh
// java.util.Random per event number, every event gets its own little stream of random numbers derived
// from (seed, event index, stream) alone, so event i is computable without generating events 0..i-1.
// The hash is the murmur3 32-bit finalizer; the stream itself is splitmix32 (a Weyl sequence run through
// a low-bias 32-bit mixer). `stream` separates independent uses for the same index (e.g. the payload
// and the out-of-order delay), so that turning one feature on does not change the other's numbers.
// An Rng can be `reset` and reused, which keeps hot loops free of allocation.

const TWO_POW_32 = 4294967296;
const WEYL = 0x9e3779b9;

/** The murmur3 32-bit finalizer: a bijective avalanche mix of a 32-bit integer. */
export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Folds a (possibly larger than 32-bit) integer into the hash `h`: its low word, then its high word. */
function absorb(h: number, value: number): number {
  const lo = value >>> 0;
  const hi = Math.floor((value - lo) / TWO_POW_32) | 0;
  return mix32((mix32((h ^ lo) + WEYL) ^ hi) + WEYL);
}

/** The 32-bit starting state of the stream for (seed, index, stream). */
export function seedState(seed: number, index: number, stream: number): number {
  return absorb(absorb(absorb(0x6a09e667, seed), index), stream);
}

/** A small, fast pseudo-random stream (splitmix32). Not for cryptography. */
export class Rng {
  private state: number;

  constructor(seed = 0, index = 0, stream = 0) {
    this.state = seedState(seed, index, stream);
  }

  /** Restarts this object as the stream for (seed, index, stream); returns it for chaining. */
  reset(seed: number, index: number, stream: number): this {
    this.state = seedState(seed, index, stream);
    return this;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + WEYL) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** A uniform integer in [0, n) for a positive integer n (n up to 2^32 stays unbiased enough). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** A fresh random stream for (seed, index, stream): the per-event generator. */
export function rngFor(seed: number, index: number, stream = 0): Rng {
  return new Rng(seed, index, stream);
}
