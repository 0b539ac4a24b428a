// Small rules operators use to restore their own state from the snapshots of all their old instances.

/** The lowest `current` watermark among old instances: safe whichever partition keys move to. */
export function minWatermark(states: unknown[]): number {
  let min = Infinity;
  for (const s of states) {
    const w = (s as { current?: number } | undefined)?.current;
    if (typeof w === 'number' && w < min) min = w;
  }
  return min === Infinity ? -Infinity : min;
}
