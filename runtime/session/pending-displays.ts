// Renderings still on their way to a display target (charts render SVG asynchronously), each with the cell
// that asked for it. A front end that must not end a cell before its last output went out (the kernel: a
// notebook client stops listening to a cell once it is idle) waits for displaysSettled(cellId); renderings
// of other cells (a live chart of an endless stream started earlier) do not hold it up.
import { currentCell } from './evaluate/cell-context.ts';

const pending = new Map<Promise<unknown>, string | undefined>();

/** @internal Views register each asynchronous delivery here. */
export function trackDisplay(p: Promise<unknown>): void {
  pending.set(p, currentCell());
  const forget = (): void => void pending.delete(p);
  p.then(forget, forget);
}

/**
 * Resolves once every delivery of the cell `cellId` (of any cell when omitted) has finished or failed,
 * including those started meanwhile.
 */
export async function displaysSettled(cellId?: string): Promise<void> {
  for (;;) {
    const mine = [...pending].filter(([, cell]) => cellId === undefined || cell === cellId).map(([p]) => p);
    if (mine.length === 0) return;
    await Promise.allSettled(mine);
  }
}
