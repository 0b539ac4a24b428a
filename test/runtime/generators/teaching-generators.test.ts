// The teaching generators (sensors, clicks, trades): deterministic random access, the properties each data set
// is for (out-of-order and late readings and a dead sensor; sessions; busy accounts), and argument checks.
import { describe, expect, it } from 'vitest';
import { sensors, clicks, trades, RivuletError, type Generator } from '../../../runtime/index.ts';

const take = <T>(g: Generator<T>, n: number, from = 0): T[] => Array.from({ length: n }, (_, i) => g.at(from + i));

describe.each([
  ['sensors', (seed: number): Generator<unknown> => sensors({ seed })],
  ['clicks', (seed: number): Generator<unknown> => clicks({ seed })],
  ['trades', (seed: number): Generator<unknown> => trades({ seed })],
] as const)('the %s generator', (name, make) => {
  it('gives the same event for the same seed and index, in any order of access', () => {
    const a = take(make(5), 500);
    const g = make(5);
    const backwards = Array.from({ length: 500 }, (_, i) => g.at(499 - i)).reverse();
    expect(backwards).toEqual(a);
    expect(make(5).name).toBe(name);
    expect(make(5).seed).toBe(5);
  });

  it('gives other events for another seed', () => {
    expect(take(make(6), 50)).not.toEqual(take(make(5), 50));
  });

  it('refuses a bad index and bad options with a RivuletError', () => {
    expect(() => make(1).at(-1)).toThrow(RivuletError);
    expect(() => make(1).at(1.5)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
    expect(() => make(1.5)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});

describe('sensor readings', () => {
  const g = sensors({ seed: 7, sensors: 4, deadSensor: 2, deadAfterMs: 10_000, maxDelayMs: 500, lateFraction: 0.05, lateDelayMs: 5000 });
  const rs = take(g, 400);

  it('arrive out of order, some of them late by more than the ordinary delay', () => {
    let max = -Infinity;
    let outOfOrder = 0;
    let late = 0;
    for (const r of rs) {
      if (r.time < max) outOfOrder++;
      if (r.time < max - 2000) late++;
      max = Math.max(max, r.time);
    }
    expect(outOfOrder).toBeGreaterThan(30);
    expect(late).toBeGreaterThan(3);
    expect(late).toBeLessThan(60);
  });

  it('stop coming from the dead sensor after deadAfterMs while the others go on', () => {
    const base = Date.UTC(2026, 0, 1);
    const dead = rs.filter((r) => r.sensor === 'sensor-02');
    expect(dead.length).toBe(10);
    expect(Math.max(...dead.map((r) => r.time))).toBeLessThan(base + 10_000);
    expect(Math.max(...rs.filter((r) => r.sensor === 'sensor-01').map((r) => r.time))).toBeGreaterThan(base + 100_000);
    expect(new Set(rs.map((r) => r.sensor))).toEqual(new Set(['sensor-01', 'sensor-02', 'sensor-03', 'sensor-04']));
  });
});

describe('clicks and trades', () => {
  it('group clicks into sessions of a user, with views far more common than buys', () => {
    const cs = take(clicks({ seed: 3 }), 3000);
    const sessions = new Map<string, Set<string>>();
    for (const c of cs) {
      expect(c.session.startsWith(c.user + '-s')).toBe(true);
      sessions.set(c.session, (sessions.get(c.session) ?? new Set()).add(c.user));
    }
    expect(sessions.size).toBeGreaterThan(10);
    const count = (a: string): number => cs.filter((c) => c.action === a).length;
    expect(count('view')).toBeGreaterThan(5 * count('buy'));
    expect(count('buy')).toBeGreaterThan(0);
  });

  it('have a few busy accounts, some very large orders, and prices near each symbol\'s base', () => {
    const ts = take(trades({ seed: 5 }), 3000);
    const per = new Map<string, number>();
    for (const t of ts) per.set(t.account, (per.get(t.account) ?? 0) + 1);
    const counts = [...per.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(5 * (counts.at(-1) as number));
    expect(ts.filter((t) => t.qty >= 1000).length).toBeGreaterThan(0);
    const acme = ts.filter((t) => t.symbol === 'ACME').map((t) => t.price);
    expect(Math.min(...acme)).toBeGreaterThan(100);
    expect(Math.max(...acme)).toBeLessThan(140);
  });
});
