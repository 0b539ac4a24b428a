// Shared by the join API tests: two random inputs with ids (right ids from 10000), the watermark each element
// saw from its own source (an upper bound of the join's watermark, which is the minimum of both sources), and
// plain-loop pair oracles over a chosen set of elements.
import { randomStream, type StreamRecord } from '../../helpers/random-stream.ts';
import { assignWindows, type WindowSpec } from '../../helpers/oracle/windows.ts';

export interface Inputs {
  left: StreamRecord[];
  right: StreamRecord[];
}

export function randomInputs(seed: number, opts: { n?: number; keys?: number; maxDelay?: number; lateFraction?: number } = {}): Inputs {
  const common = { n: opts.n ?? 300, keys: opts.keys ?? 6, maxDelay: opts.maxDelay ?? 20, lateFraction: opts.lateFraction ?? 0.05, lateBy: 40, maxStep: 3 };
  return {
    left: randomStream(seed, common),
    right: randomStream(seed + 1, common).map((r) => ({ ...r, id: r.id + 10000 })),
  };
}

/** For each element, the watermark of its own source when it arrived: max(earlier ts) - maxOutOfOrderness - 1. */
export function ownWatermarks(rows: StreamRecord[], maxOutOfOrderness: number): Map<number, number> {
  const out = new Map<number, number>();
  let maxTs = -Infinity;
  for (const r of rows) {
    out.set(r.id, maxTs - maxOutOfOrderness - 1);
    maxTs = Math.max(maxTs, r.ts);
  }
  return out;
}

/** Interval join pairs "leftId,rightId" of the given elements, sorted. */
export function intervalPairs(left: StreamRecord[], right: StreamRecord[], lower: number, upper: number): string[] {
  const out: string[] = [];
  for (const l of left) {
    for (const r of right) if (l.key === r.key && l.ts + lower <= r.ts && r.ts <= l.ts + upper) out.push(`${l.id},${r.id}`);
  }
  return out.sort();
}

/** Window join pairs "leftId,rightId@start" of the given elements (tumbling or sliding windows), sorted. */
export function windowPairs(left: StreamRecord[], right: StreamRecord[], w: Exclude<WindowSpec, { kind: 'session' }>): string[] {
  const out: string[] = [];
  for (const l of left) {
    for (const r of right) {
      if (l.key !== r.key) continue;
      const rs = new Set(assignWindows(r.ts, w).map((x) => x.start));
      for (const { start } of assignWindows(l.ts, w)) if (rs.has(start)) out.push(`${l.id},${r.id}@${start}`);
    }
  }
  return out.sort();
}

/** A well-mixed 32-bit hash of an index and a salt: deterministic keys and jitter for generated join inputs. */
export const hash = (i: number, salt: number): number => {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
};
