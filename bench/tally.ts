// What a benchmark run keeps of a query's output: the number of rows and a checksum. The checksum is the
// sum (mod 2^32) of a hash of each row, so it does not depend on the order rows arrive in: parallelism 4
// may interleave partitions differently from the loop, and must still agree. Runtime and loops fold their
// rows in through the same per-query consumer, so both pay the same per-row cost for it.

export class Tally {
  rows = 0;
  sum = 0;

  add(hash: number): void {
    this.rows++;
    this.sum = (this.sum + hash) | 0;
  }

  reset(): void {
    this.rows = 0;
    this.sum = 0;
  }

  snapshot(): TallyValue {
    return { rows: this.rows, checksum: this.sum >>> 0 };
  }
}

export interface TallyValue {
  readonly rows: number;
  readonly checksum: number;
}

export function sameTally(a: TallyValue, b: TallyValue): boolean {
  return a.rows === b.rows && a.checksum === b.checksum;
}

export function describeTally(t: TallyValue): string {
  return `${t.rows} rows, checksum ${t.checksum.toString(16).padStart(8, '0')}`;
}

/**
 * Folds a number into a running 32-bit hash (murmur3's mixing steps). `x | 0` keeps the low 32 bits of an
 * integer such as a millisecond timestamp, and truncates a float the same way on both sides of a comparison.
 */
export function mix(h: number, x: number): number {
  let k = Math.imul(x | 0, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
