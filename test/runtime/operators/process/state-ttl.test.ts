import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../helpers/operator-harness.ts';
import { KeyedProcessOperator } from '../../../../runtime/operators/process/keyed-process-operator.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import type { KeyedProcessContext, StateDescriptor, StateTtlConfig } from '../../../../runtime/index.ts';

// State TTL (Flink's StateTtlConfig) measured on the operator's processing-time clock, here a VirtualClock:
// an entry refreshed at t is expired from t + ttlMs on.

interface Cmd {
  k: string;
  run: (ctx: KeyedProcessContext) => unknown;
}

function harness() {
  return new OperatorHarness(
    (ctx: OperatorContext) =>
      new KeyedProcessOperator(
        { key: (c: Cmd) => c.k, fn: (c: Cmd, pctx, out) => out.collect(c.run(pctx) ?? null), timed: false, sideOutputs: [] },
        ctx,
      ),
  );
}

type H = ReturnType<typeof harness>;

/** At processing time `at`, runs one command for key `k` and returns its result. */
function at(h: H, time: number, k: string, run: (ctx: KeyedProcessContext) => unknown): unknown {
  h.setProcessingTime(time);
  const before = h.outputRows().length;
  h.push([{ k, run }]);
  return h.outputRows()[before];
}

const desc = (name: string, ttl: StateTtlConfig): StateDescriptor => ({ name, ttl });

describe('state TTL: ValueState', () => {
  const d = desc('v', { ttlMs: 100 });

  it('hides a value from ttlMs after it was written, and removes it from the table on that read', () => {
    const h = harness();
    at(h, 0, 'a', (c) => c.state.value(d).update('x'));
    expect(at(h, 99, 'a', (c) => c.state.value(d).value())).toBe('x');
    expect(h.state.valueState('v').size).toBe(1);
    expect(at(h, 100, 'a', (c) => c.state.value(d).value())).toBeNull();
    expect(h.state.valueState('v').size).toBe(0);
  });

  it('refreshes on write only by default (onCreateAndWrite): reads do not extend the life', () => {
    const h = harness();
    at(h, 0, 'a', (c) => c.state.value(d).update(1));
    expect(at(h, 60, 'a', (c) => c.state.value(d).value())).toBe(1);
    expect(at(h, 100, 'a', (c) => c.state.value(d).value())).toBeNull();
    at(h, 200, 'a', (c) => c.state.value(d).update(2));
    at(h, 250, 'a', (c) => c.state.value(d).update(3));
    expect(at(h, 349, 'a', (c) => c.state.value(d).value())).toBe(3);
    expect(at(h, 350, 'a', (c) => c.state.value(d).value())).toBeNull();
  });

  it('refreshes on reads too with update "onReadAndWrite"', () => {
    const h = harness();
    const r = desc('v', { ttlMs: 100, update: 'onReadAndWrite' });
    at(h, 0, 'a', (c) => c.state.value(r).update(1));
    expect(at(h, 60, 'a', (c) => c.state.value(r).value())).toBe(1);
    expect(at(h, 159, 'a', (c) => c.state.value(r).value())).toBe(1);
    expect(at(h, 258, 'a', (c) => c.state.value(r).value())).toBe(1);
    expect(at(h, 358, 'a', (c) => c.state.value(r).value())).toBeNull();
  });

  it('returns an expired value once when not cleaned up yet, with visibility "returnExpiredIfNotCleanedUp"', () => {
    const h = harness();
    const r = desc('v', { ttlMs: 100, visibility: 'returnExpiredIfNotCleanedUp' });
    at(h, 0, 'a', (c) => c.state.value(r).update('old'));
    at(h, 90, 'b', () => null); // the last sweep before the read: at 90, when 'old' was not expired yet
    expect(at(h, 110, 'a', (c) => c.state.value(r).value())).toBe('old');
    expect(at(h, 111, 'a', (c) => c.state.value(r).value())).toBeNull();
  });

  it('does not return an expired value once a sweep cleaned it up, whatever the visibility', () => {
    const h = harness();
    const r = desc('v', { ttlMs: 100, visibility: 'returnExpiredIfNotCleanedUp' });
    at(h, 0, 'a', (c) => c.state.value(r).update('old'));
    h.setProcessingTime(105);
    expect(h.state.valueState('v').size).toBe(0);
    expect(at(h, 106, 'a', (c) => c.state.value(r).value())).toBeNull();
  });

  it('expires each key on its own', () => {
    const h = harness();
    at(h, 0, 'a', (c) => c.state.value(d).update('a'));
    at(h, 50, 'b', (c) => c.state.value(d).update('b'));
    expect(at(h, 120, 'a', (c) => c.state.value(d).value())).toBeNull();
    expect(at(h, 120, 'b', (c) => c.state.value(d).value())).toBe('b');
  });
});

describe('state TTL: ListState and MapState expire element by element', () => {
  it('drops list elements older than the ttl and keeps the rest in order', () => {
    const h = harness();
    const d = desc('l', { ttlMs: 100 });
    at(h, 0, 'a', (c) => c.state.list(d).add(1));
    at(h, 40, 'a', (c) => c.state.list(d).addAll([2, 3]));
    at(h, 80, 'a', (c) => c.state.list(d).add(4));
    expect(at(h, 100, 'a', (c) => c.state.list(d).get())).toEqual([2, 3, 4]);
    expect(at(h, 140, 'a', (c) => c.state.list(d).get())).toEqual([4]);
    expect((h.state.valueState<unknown[]>('l').get('a') ?? []).length).toBe(1);
    expect(at(h, 180, 'a', (c) => c.state.list(d).get())).toEqual([]);
    expect(h.state.valueState('l').size).toBe(0);
  });

  it('refreshes every returned list element on get() with "onReadAndWrite"', () => {
    const h = harness();
    const d = desc('l', { ttlMs: 100, update: 'onReadAndWrite' });
    at(h, 0, 'a', (c) => c.state.list(d).add(1));
    at(h, 50, 'a', (c) => c.state.list(d).add(2));
    expect(at(h, 90, 'a', (c) => c.state.list(d).get())).toEqual([1, 2]);
    expect(at(h, 189, 'a', (c) => c.state.list(d).get())).toEqual([1, 2]);
  });

  it('returns expired list elements once with "returnExpiredIfNotCleanedUp"', () => {
    const h = harness();
    const d = desc('l', { ttlMs: 100, visibility: 'returnExpiredIfNotCleanedUp' });
    at(h, 0, 'a', (c) => c.state.list(d).add('old'));
    at(h, 90, 'a', (c) => c.state.list(d).add('new'));
    expect(at(h, 110, 'a', (c) => c.state.list(d).get())).toEqual(['old', 'new']);
    expect(at(h, 111, 'a', (c) => c.state.list(d).get())).toEqual(['new']);
  });

  it('expires map entries on their own, for get, contains, entries and isEmpty', () => {
    const h = harness();
    const d = desc('m', { ttlMs: 100 });
    at(h, 0, 'a', (c) => c.state.map(d).put('x', 1));
    at(h, 50, 'a', (c) => c.state.map(d).put('y', 2));
    expect(at(h, 100, 'a', (c) => [c.state.map(d).get('x'), c.state.map(d).contains('x'), c.state.map(d).entries()])).toEqual([
      undefined,
      false,
      [['y', 2]],
    ]);
    at(h, 120, 'a', (c) => c.state.map(d).put('y', 3));
    expect(at(h, 219, 'a', (c) => c.state.map(d).isEmpty())).toBe(false);
    expect(at(h, 220, 'a', (c) => c.state.map(d).isEmpty())).toBe(true);
    expect(h.state.valueState('m').size).toBe(0);
  });

  it('refreshes a map entry that is read with "onReadAndWrite"', () => {
    const h = harness();
    const d = desc('m', { ttlMs: 100, update: 'onReadAndWrite' });
    at(h, 0, 'a', (c) => {
      c.state.map(d).put('x', 1);
      c.state.map(d).put('y', 2);
    });
    expect(at(h, 80, 'a', (c) => c.state.map(d).get('x'))).toBe(1);
    expect(at(h, 150, 'a', (c) => c.state.map(d).keys())).toEqual(['x']);
  });
});

describe('state TTL: cleanup of what nobody reads again', () => {
  it('sweeps expired entries out of the tables on a processing-time tick, without any access', () => {
    const h = harness();
    const v = desc('v', { ttlMs: 100 });
    const l = desc('l', { ttlMs: 100 });
    const m = desc('m', { ttlMs: 100 });
    for (const k of ['a', 'b', 'c']) {
      at(h, 0, k, (c) => {
        c.state.value(v).update(k);
        c.state.list(l).addAll([1, 2]);
        c.state.map(m).put('x', 1);
      });
    }
    at(h, 60, 'a', (c) => {
      c.state.value(v).update('a2');
      c.state.list(l).add(3);
      c.state.map(m).put('y', 2);
    });
    const size = (name: string) => h.state.valueState(name).size;
    expect([size('v'), size('l'), size('m')]).toEqual([3, 3, 3]);
    h.setProcessingTime(130);
    expect([size('v'), size('l'), size('m')]).toEqual([1, 1, 1]);
    expect(h.state.valueState<{ v: unknown }>('v').get('a')?.v).toBe('a2');
    expect(h.state.valueState<unknown[]>('l').get('a')).toHaveLength(1);
    expect([...(h.state.valueState<Map<unknown, unknown>>('m').get('a')?.keys() ?? [])]).toEqual(['y']);
    h.setProcessingTime(200);
    expect([size('v'), size('l'), size('m')]).toEqual([0, 0, 0]);
  });

  it('sweeps at most once per quarter of the shortest ttl of processing time', () => {
    const h = harness();
    const v = desc('v', { ttlMs: 100 });
    at(h, 0, 'a', (c) => c.state.value(v).update(1));
    at(h, 90, 'b', (c) => c.state.value(v).update(1));
    h.setProcessingTime(114);
    expect(h.state.valueState('v').size).toBe(2);
    h.setProcessingTime(115);
    expect(h.state.valueState('v').size).toBe(1);
    h.setProcessingTime(190);
    expect(h.state.valueState('v').size).toBe(0);
  });

  it('also sweeps as batches are processed, not only on ticks', () => {
    const h = harness();
    const v = desc('v', { ttlMs: 100 });
    at(h, 0, 'a', (c) => c.state.value(v).update(1));
    h.clock.set(500);
    h.push([{ k: 'b', run: () => null }]);
    expect(h.state.valueState('v').size).toBe(0);
  });

  it('keeps states without a ttl out of the sweeps', () => {
    const h = harness();
    at(h, 0, 'a', (c) => {
      c.state.value('plain').update(1);
      c.state.value(desc('ttl', { ttlMs: 10 })).update(1);
    });
    h.setProcessingTime(10_000);
    expect(h.state.valueState('plain').size).toBe(1);
    expect(h.state.valueState('ttl').size).toBe(0);
  });
});
