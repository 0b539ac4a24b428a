import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../../helpers/operator-harness.ts';
import { KeyedProcessOperator } from '../../../../runtime/operators/process/keyed-process-operator.ts';
import type { OperatorContext } from '../../../../runtime/exec/operator.ts';
import { RivuletError, type KeyedProcessContext, type StateDescriptor } from '../../../../runtime/index.ts';
import { error } from '../../../helpers/rivulet-errors.ts';

/** A command for the key k; the function runs it against its state and emits the result. */
interface Cmd {
  k: unknown;
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

/** Runs the commands (one batch) and returns their results. */
function run(h: ReturnType<typeof harness>, ...cmds: [unknown, (ctx: KeyedProcessContext) => unknown][]): unknown[] {
  const before = h.outputRows().length;
  h.push(cmds.map(([k, run]) => ({ k, run })));
  return h.outputRows().slice(before);
}

describe('ValueState', () => {
  it('holds one value per key: value()/get() read it, update()/set() write it, clear() removes it', () => {
    const h = harness();
    const v = (ctx: KeyedProcessContext) => ctx.state.value<number>('v');
    expect(
      run(
        h,
        ['a', (c) => v(c).value()],
        ['a', (c) => v(c).update(1)],
        ['b', (c) => v(c).set(2)],
        ['a', (c) => v(c).get()],
        ['b', (c) => v(c).value()],
        ['a', (c) => v(c).clear()],
        ['a', (c) => v(c).value()],
        ['b', (c) => v(c).value()],
      ),
    ).toEqual([null, null, null, 1, 2, null, null, 2]);
  });

  it('clears on update(undefined) or update(null), as Flink', () => {
    const h = harness();
    run(h, ['a', (c) => c.state.value('v').update(5)]);
    expect(h.state.valueState('v').size).toBe(1);
    run(h, ['a', (c) => c.state.value('v').update(undefined)]);
    expect(h.state.valueState('v').size).toBe(0);
    run(h, ['a', (c) => c.state.value('v').update(5)], ['a', (c) => c.state.value('v').update(null)]);
    expect(h.state.valueState('v').size).toBe(0);
  });

  it('stores the value in the partition state table named after the descriptor, keyed by the key', () => {
    const h = harness();
    run(h, ['a', (c) => c.state.value('count').update(3)], ['b', (c) => c.state.value('count').update(4)]);
    expect([...h.state.valueState('count').entries()]).toEqual([
      ['a', 3],
      ['b', 4],
    ]);
  });

  it('remembers composite keys so that snapshots find their key group', () => {
    const h = harness();
    run(h, [['u', 1], (c) => c.state.value('v').update('x')]);
    const [[canonical]] = [...h.state.valueState('v').entries()] as [[unknown, unknown]];
    expect(h.state.originalKey(canonical)).toEqual(['u', 1]);
  });
});

describe('ListState', () => {
  it('keeps elements in order per key: add, addAll, update, clear; get() returns a copy', () => {
    const h = harness();
    const l = (c: KeyedProcessContext) => c.state.list<number>('l');
    expect(
      run(
        h,
        ['a', (c) => l(c).get()],
        ['a', (c) => l(c).add(1)],
        ['a', (c) => l(c).addAll([2, 3])],
        ['b', (c) => l(c).add(9)],
        ['a', (c) => {
          const got = l(c).get();
          got.push(100);
          return l(c).get();
        }],
        ['a', (c) => l(c).update([7])],
        ['a', (c) => l(c).get()],
        ['b', (c) => l(c).get()],
        ['b', (c) => l(c).clear()],
        ['b', (c) => l(c).get()],
      ),
    ).toEqual([[], null, null, null, [1, 2, 3], null, [7], [9], null, []]);
  });

  it('stores no entry for an empty list', () => {
    const h = harness();
    run(h, ['a', (c) => c.state.list('l').addAll([])], ['b', (c) => c.state.list('l').update([])]);
    expect(h.state.valueState('l').size).toBe(0);
  });
});

describe('MapState', () => {
  it('offers get, put, putAll, remove, contains, entries, keys, values, isEmpty and clear per key', () => {
    const h = harness();
    const m = (c: KeyedProcessContext) => c.state.map<string, number>('m');
    expect(
      run(
        h,
        ['a', (c) => [m(c).isEmpty(), m(c).get('x'), m(c).contains('x')]],
        ['a', (c) => m(c).put('x', 1)],
        ['a', (c) => m(c).putAll([['y', 2], ['z', 3]])],
        ['b', (c) => m(c).put('x', 10)],
        ['a', (c) => m(c).remove('y')],
        ['a', (c) => [m(c).get('x'), m(c).contains('y'), m(c).entries(), m(c).keys(), m(c).values(), m(c).isEmpty()]],
        ['b', (c) => m(c).entries()],
        ['b', (c) => m(c).clear()],
        ['b', (c) => m(c).isEmpty()],
      ),
    ).toEqual([
      [true, undefined, false],
      null,
      null,
      null,
      null,
      [1, false, [['x', 1], ['z', 3]], ['x', 'z'], [1, 3], false],
      [['x', 10]],
      null,
      true,
    ]);
  });

  it('compares map keys by value, so composite keys work across snapshots', () => {
    const h = harness();
    const m = (c: KeyedProcessContext) => c.state.map<[string, number], string>('m');
    expect(
      run(h, ['a', (c) => m(c).put(['p', 1], 'one')], ['a', (c) => [m(c).get(['p', 1]), m(c).contains(['p', 2]), m(c).keys()]]),
    ).toEqual([null, ['one', false, [['p', 1]]]]);
  });

  it('drops the entry of a key whose map became empty', () => {
    const h = harness();
    run(h, ['a', (c) => c.state.map('m').put(1, 1)], ['a', (c) => c.state.map('m').remove(1)]);
    expect(h.state.valueState('m').size).toBe(0);
  });
});

describe('state descriptors', () => {
  const refused = (kind: 'value' | 'list' | 'map', d: unknown) => {
    const h = harness();
    return error(() => run(h, ['a', (c) => (c.state as unknown as Record<string, (d: StateDescriptor) => unknown>)[kind]?.(d as StateDescriptor)]));
  };

  it('refuses a descriptor that is not a name or { name, ttl? } with BAD_STATE_DESCRIPTOR', () => {
    for (const d of ['', 42, null, ['x'], { name: '' }, { title: 'x' }, { name: 'x', tll: {} }]) {
      expect(refused('value', d).code, JSON.stringify(d)).toBe('BAD_STATE_DESCRIPTOR');
    }
    expect(refused('list', 42).message).toBe(
      'ctx.state.list: the descriptor must be a state name or { name, ttl? }, got 42. ' +
        'Pass a state name ("count") or { name, ttl?: { ttlMs, update?: "onCreateAndWrite" | "onReadAndWrite", visibility?: "neverReturnExpired" | "returnExpiredIfNotCleanedUp" } }.',
    );
  });

  it('refuses a bad ttl: ttlMs not a positive integer, an unknown update or visibility, an unknown field', () => {
    const bad = [
      { name: 'x', ttl: { ttlMs: 0 } },
      { name: 'x', ttl: { ttlMs: 1.5 } },
      { name: 'x', ttl: {} },
      { name: 'x', ttl: { ttlMs: 10, update: 'onRead' } },
      { name: 'x', ttl: { ttlMs: 10, visibility: 'always' } },
      { name: 'x', ttl: { ttlMs: 10, cleanup: 'full' } },
      { name: 'x', ttl: 10 },
    ];
    for (const d of bad) expect(refused('map', d).code, JSON.stringify(d)).toBe('BAD_STATE_DESCRIPTOR');
    expect(refused('value', { name: 'x', ttl: { ttlMs: -5 } }).message).toContain('ttl.ttlMs must be a positive integer number of ms, got -5');
  });

  it('reserves state names starting with "$" for operators', () => {
    expect(refused('value', '$timers').message).toContain('state names starting with "$" are reserved');
  });

  it('refuses one name used as two kinds, or with two ttl configurations, with STATE_REDECLARED', () => {
    const h = harness();
    run(h, ['a', (c) => c.state.value('x')]);
    const e = error(() => run(h, ['a', (c) => c.state.list('x')]));
    expect(e.code).toBe('STATE_REDECLARED');
    expect(e.message).toContain('State "x" was first declared as value and is now asked for as list.');
    const f = error(() => run(h, ['a', (c) => c.state.value({ name: 'x', ttl: { ttlMs: 10 } })]));
    expect(f.code).toBe('STATE_REDECLARED');
  });

  it('gives the same handle for the same name, as a string or as an equal descriptor', () => {
    const h = harness();
    const [same] = run(h, [
      'a',
      (c) => c.state.value('x') === c.state.value({ name: 'x' }) && c.state.value('x') === c.state.value('x'),
    ]);
    expect(same).toBe(true);
  });
});
