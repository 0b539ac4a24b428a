import { describe, expect, it } from 'vitest';
import { VirtualClock, WallClock } from '../../../runtime/index.ts';

describe('VirtualClock', () => {
  it('starts where it is told and moves only when advanced', () => {
    const c = new VirtualClock(1000);
    expect(c.now()).toBe(1000);
    expect(c.virtual).toBe(true);
    c.advance(250);
    expect(c.now()).toBe(1250);
    c.set(2000);
    expect(c.now()).toBe(2000);
  });

  it('never moves backwards', () => {
    const c = new VirtualClock(500);
    c.set(100);
    expect(c.now()).toBe(500);
  });

  it('resumes waiters once it passes their time, and only then', async () => {
    const c = new VirtualClock();
    const woke: number[] = [];
    void c.waitUntil(100).then(() => woke.push(100));
    void c.waitUntil(50).then(() => woke.push(50));
    c.advance(49);
    await Promise.resolve();
    expect(woke).toEqual([]);
    c.advance(1);
    await Promise.resolve();
    expect(woke).toEqual([50]);
    c.set(100);
    await Promise.resolve();
    expect(woke).toEqual([50, 100]);
  });

  it('resolves a wait for a time already passed at once', async () => {
    const c = new VirtualClock(10);
    await expect(c.waitUntil(10)).resolves.toBeUndefined();
  });

  it('resolves a wait when its signal aborts', async () => {
    const c = new VirtualClock();
    const ac = new AbortController();
    const wait = c.waitUntil(1_000_000, ac.signal);
    ac.abort();
    await expect(wait).resolves.toBeUndefined();
    expect(c.now()).toBe(0);
  });
});

describe('WallClock', () => {
  it('is not virtual and resolves a past time at once', async () => {
    const c = new WallClock();
    expect(c.virtual).toBe(false);
    expect(typeof c.now()).toBe('number');
    await expect(c.waitUntil(0)).resolves.toBeUndefined();
  });

  it('resolves a far wait when its signal aborts', async () => {
    const c = new WallClock();
    const ac = new AbortController();
    const wait = c.waitUntil(c.now() + 3_600_000, ac.signal);
    ac.abort();
    await expect(wait).resolves.toBeUndefined();
  });
});
