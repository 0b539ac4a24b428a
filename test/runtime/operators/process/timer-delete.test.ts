import { describe, expect, it } from 'vitest';
import { TimerService } from '../../../../runtime/time/timer-service.ts';

function fired(t: TimerService, upTo: number): [number, unknown][] {
  const out: [number, unknown][] = [];
  t.advance(upTo, (time, key) => out.push([time, key]));
  return out;
}

describe('TimerService.delete', () => {
  it('removes one (time, key) timer and leaves the other keys at that time', () => {
    const t = new TimerService();
    t.register(5, 'a', 'a');
    t.register(5, 'b', 'b');
    t.register(7, 'a', 'a');
    t.delete(5, 'a');
    expect(t.size).toBe(2);
    expect([...t.entries()].map((e) => [e.time, e.key])).toEqual([
      [5, 'b'],
      [7, 'a'],
    ]);
    expect(fired(t, 10)).toEqual([
      [5, 'b'],
      [7, 'a'],
    ]);
  });

  it('skips a time whose every timer was deleted, also in next', () => {
    const t = new TimerService();
    t.register(3, 'a', 'a');
    t.register(9, 'a', 'a');
    t.delete(3, 'a');
    expect(t.next).toBe(9);
    expect([...t.entries()]).toHaveLength(1);
    expect(fired(t, 5)).toEqual([]);
    expect(fired(t, 9)).toEqual([[9, 'a']]);
    expect(t.next).toBe(Infinity);
  });

  it('ignores a timer that does not exist', () => {
    const t = new TimerService();
    t.register(3, 'a', 'a');
    t.delete(4, 'a');
    t.delete(3, 'b');
    expect(fired(t, 3)).toEqual([[3, 'a']]);
  });

  it('fires a timer registered again after its deletion once', () => {
    const t = new TimerService();
    t.register(3, 'a', 'a');
    t.delete(3, 'a');
    t.register(3, 'a', 'a');
    expect(t.size).toBe(1);
    expect(fired(t, 100)).toEqual([[3, 'a']]);
  });
});
