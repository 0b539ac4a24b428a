// Emits the change from a window's previous results to its new ones as a changelog: pairs become -U/+U,
// results that disappeared -D, new ones +I. A first firing (no previous results) is all +I.
import type { BatchBuilder } from '../../exec/batch.ts';

export function emitChanges(
  out: BatchBuilder,
  before: unknown[] | null,
  after: unknown[],
  ts: number,
  wm: number,
): void {
  const old = before ?? [];
  const pairs = Math.min(old.length, after.length);
  for (let i = after.length; i < old.length; i++) out.add(old[i], ts, wm, '-D');
  for (let i = 0; i < pairs; i++) {
    out.add(old[i], ts, wm, '-U');
    out.add(after[i], ts, wm, '+U');
  }
  for (let i = pairs; i < after.length; i++) out.add(after[i], ts, wm, '+I');
}
