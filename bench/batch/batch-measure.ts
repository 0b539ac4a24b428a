// What the batch bench's cases share: an order-independent checksum of window rows (key, start, bids, top),
// a timed run after a forced collection, and the best of several timed runs.

export function checksum(rows: readonly Record<string, unknown>[]): number {
  let s = 0;
  for (const r of rows) s = (s + Number(r.key) * 31 + Number(r.windowStart) / 1000 + Number(r.bids) * 7 + Number(r.top)) % 1e12;
  return s;
}

export async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

export const best = <T extends { ms: number }>(xs: T[]): T => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
