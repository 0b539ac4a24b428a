// Renderings still on their way to a display target (charts render SVG asynchronously). A front end that
// must not end a cell before its last output went out (the kernel: a notebook client stops listening to a
// cell once it is idle) waits for displaysSettled().
const pending = new Set<Promise<unknown>>();

/** @internal Views register each asynchronous delivery here. */
export function trackDisplay(p: Promise<unknown>): void {
  pending.add(p);
  const forget = (): void => void pending.delete(p);
  p.then(forget, forget);
}

/** Resolves once every delivery tracked so far (and any started meanwhile) has finished, or failed. */
export async function displaysSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
