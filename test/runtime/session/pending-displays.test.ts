import { describe, expect, it } from 'vitest';
import { displaysSettled, trackDisplay } from '../../../runtime/session/pending-displays.ts';
import { runInCell } from '../../../runtime/session/evaluate/index.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('pending displays', () => {
  it("waits for one cell's renderings only, including those it starts meanwhile", async () => {
    const a1 = deferred();
    const a2 = deferred();
    const b = deferred();
    runInCell('A', () => trackDisplay(a1.promise));
    runInCell('B', () => trackDisplay(b.promise));
    let settled = false;
    const waiting = displaysSettled('A').then(() => (settled = true));
    runInCell('A', () => trackDisplay(a2.promise));
    a1.resolve();
    await a1.promise;
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    a2.resolve();
    await waiting;
    expect(settled).toBe(true);
    let all = false;
    const everything = displaysSettled().then(() => (all = true));
    await new Promise((r) => setImmediate(r));
    expect(all).toBe(false);
    b.resolve();
    await everything;
  });
});
