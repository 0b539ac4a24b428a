// Runs a paced job on a VirtualClock in steps, so that tests can stop it at a chosen virtual time, snapshot
// it, and restore it: results depend on virtual time only.
import { VirtualClock } from '../../runtime/index.ts';

/** Advances `clock` by `stepMs` until `job` settles or the clock reaches `until`. */
export async function driveUntil(clock: VirtualClock, job: PromiseLike<unknown>, until = Infinity, stepMs = 50): Promise<void> {
  let settled = false;
  Promise.resolve(job).then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled && clock.now() < until) {
    clock.advance(stepMs);
    await new Promise((r) => setImmediate(r));
  }
}
