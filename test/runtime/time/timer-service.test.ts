import { describe, expect, it } from 'vitest';
import { TimerService } from '../../../runtime/time/timer-service.ts';

function fired(t: TimerService, upTo: number): [number, unknown][] {
  const out: [number, unknown][] = [];
  t.advance(upTo, (time, key) => out.push([time, key]));
  return out;
}

describe('TimerService', () => {
  it('fires timers up to and including the given time, in time order', () => {
    const t = new TimerService();
    t.register(30, 'a', 'a');
    t.register(10, 'b', 'b');
    t.register(20, 'c', 'c');
    expect(fired(t, 20)).toEqual([
      [10, 'b'],
      [20, 'c'],
    ]);
    expect(t.next).toBe(30);
    expect(fired(t, 29)).toEqual([]);
    expect(fired(t, Infinity)).toEqual([[30, 'a']]);
    expect(t.next).toBe(Infinity);
  });

  it('fires the keys of one time in registration order', () => {
    const t = new TimerService();
    for (const k of ['x', 'a', 'm']) t.register(5, k, k);
    expect(fired(t, 5).map(([, k]) => k)).toEqual(['x', 'a', 'm']);
  });

  it('ignores a duplicate (time, key) timer', () => {
    const t = new TimerService();
    t.register(5, 'k', 'k');
    t.register(5, 'k', 'k');
    t.register(6, 'k', 'k');
    expect(t.size).toBe(2);
    expect(fired(t, 10)).toEqual([
      [5, 'k'],
      [6, 'k'],
    ]);
  });

  it('hands back the original key of a canonical one', () => {
    const t = new TimerService();
    t.register(1, '\u0000["a",1]', ['a', 1]);
    const calls: unknown[][] = [];
    t.advance(1, (time, key, canonical) => calls.push([time, key, canonical]));
    expect(calls).toEqual([[1, ['a', 1], '\u0000["a",1]']]);
  });

  it('fires a timer registered while firing when it is already due', () => {
    const t = new TimerService();
    t.register(10, 'a', 'a');
    const order: [number, unknown][] = [];
    t.advance(20, (time, key) => {
      order.push([time, key]);
      if (key === 'a') {
        t.register(15, 'b', 'b');
        t.register(25, 'c', 'c');
      }
    });
    expect(order).toEqual([
      [10, 'a'],
      [15, 'b'],
    ]);
    expect(t.next).toBe(25);
  });

  it('lists pending timers in time order', () => {
    const t = new TimerService();
    t.register(9, 'a', 'a');
    t.register(3, 'b', 'b');
    t.register(9, 'c', 'c');
    expect([...t.entries()]).toEqual([
      { time: 3, key: 'b', canonical: 'b' },
      { time: 9, key: 'a', canonical: 'a' },
      { time: 9, key: 'c', canonical: 'c' },
    ]);
  });
});
