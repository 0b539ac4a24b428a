// Which cell is running: every cell runs inside an AsyncLocalStorage context that carries its id, and that
// context follows every callback the cell started (timers, promise continuations, a running stream's sinks)
// even after the cell itself finished. Front ends read currentCell() to send late output to the right cell.
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/** The id of the cell whose code (or a callback it started) is running now, or undefined outside any cell. */
export function currentCell(): string | undefined {
  return storage.getStore();
}

/** Runs `fn` as part of the cell `cellId`: it and everything it starts see that id through currentCell(). */
export function runInCell<T>(cellId: string, fn: () => T): T {
  return storage.run(cellId, fn);
}
