// The contract every keyed state backend honours (runtime/state/keyed-state-backend.ts), as a suite any
// backend runs: describeBackendContract('disk', (o) => ...). Caches are kept small (cacheSize) so that a
// backend with a cache evicts during the tests; a backend without one simply ignores the option.
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyedStateBackend, StateBackendFactory } from '../../../runtime/state/keyed-state-backend.ts';
import { canonicalKey } from '../../../runtime/exec/partitioning/index.ts';
import { seededRandom, randomInt } from '../../helpers/random-stream.ts';

export interface ContractSubject {
  readonly factory: StateBackendFactory;
  /** Persistent backends only: closes this subject and opens a new one on the same storage. */
  readonly reopen?: () => ContractSubject;
  close(): void;
}

export type MakeSubject = (options: { cacheSize: number }) => ContractSubject;

const CACHE = 16;

export function describeBackendContract(name: string, make: MakeSubject): void {
  describe(`the ${name} state backend`, () => {
    let open: ContractSubject[] = [];
    const subject = (cacheSize = CACHE): ContractSubject => {
      const s = make({ cacheSize });
      open.push(s);
      return s;
    };
    const backend = (op = 'op', partition = 0, cacheSize = CACHE): KeyedStateBackend => subject(cacheSize).factory(op, partition);
    const reopen = (s: ContractSubject): ContractSubject => {
      const next = (s.reopen as () => ContractSubject)();
      open = open.filter((x) => x !== s);
      open.push(next);
      return next;
    };
    /** Touches `n` other keys of a table, enough to push earlier keys out of a cache of CACHE keys. */
    const churn = (b: KeyedStateBackend, table: string, n = CACHE * 4): void => {
      const t = b.valueState<number>(table);
      for (let i = 0; i < n; i++) t.set(`churn-${i}`, i);
      for (let i = 0; i < n; i++) t.delete(`churn-${i}`);
    };

    afterEach(() => {
      for (const s of open) s.close();
      open = [];
    });

    it('starts with no tables and creates an empty table on first use', () => {
      const b = backend('op', 3);
      expect(b.partition).toBe(3);
      expect(b.tableNames).toEqual([]);
      const t = b.valueState<number>('counts');
      expect(t.name).toBe('counts');
      expect(t.size).toBe(0);
      expect([...t.entries()]).toEqual([]);
      expect(t.get('a')).toBeUndefined();
      expect(b.tableNames).toEqual(['counts']);
      expect(b.valueState<number>('counts')).toBe(t);
    });

    it('gets what was set, replaces on set and forgets on delete', () => {
      const t = backend().valueState<{ n: number }>('t');
      t.set('a', { n: 1 });
      t.set(7, { n: 7 });
      expect(t.get('a')).toEqual({ n: 1 });
      expect(t.get(7)).toEqual({ n: 7 });
      t.set('a', { n: 2 });
      expect(t.get('a')).toEqual({ n: 2 });
      t.delete('a');
      expect(t.get('a')).toBeUndefined();
      t.delete('never-set');
      expect(t.get('never-set')).toBeUndefined();
      expect(t.get(7)).toEqual({ n: 7 });
    });

    it('counts the keys with a value through sets, replaces and deletes, cached or not', () => {
      const t = backend().valueState<number>('t');
      for (let i = 0; i < 100; i++) t.set(i, i);
      expect(t.size).toBe(100);
      for (let i = 0; i < 100; i++) t.set(i, -i);
      expect(t.size).toBe(100);
      for (let i = 0; i < 100; i += 2) t.delete(i);
      expect(t.size).toBe(50);
      for (let i = 0; i < 100; i += 2) t.delete(i);
      t.delete('absent');
      expect(t.size).toBe(50);
      t.set(0, 0);
      expect(t.size).toBe(51);
    });

    it('lists every key once with its value, beyond the cache', () => {
      const t = backend().valueState<string>('t');
      const expected = new Map<unknown, string>();
      for (let i = 0; i < 300; i++) {
        const k = i % 3 === 0 ? i : `k${i}`;
        t.set(k, `v${i}`);
        expected.set(k, `v${i}`);
      }
      const listed = [...t.entries()];
      expect(listed).toHaveLength(300);
      expect(new Map(listed)).toEqual(expected);
    });

    it('leaves deleted keys out of entries, whether they were cached or not when deleted', () => {
      const b = backend();
      const t = b.valueState<number>('t');
      for (let i = 0; i < 200; i++) t.set(i, i);
      for (let i = 0; i < 200; i += 3) t.delete(i); // the early ones were evicted by then
      churn(b, 't');
      for (let i = 1; i < 200; i += 3) t.delete(i);
      const keys = [...t.entries()].map(([k]) => k as number).sort((x, y) => x - y);
      expect(keys).toEqual([...Array(200).keys()].filter((i) => i % 3 === 2));
      expect(t.size).toBe(keys.length);
      expect(new Map([...t.entries()]).get(2)).toBe(2);
    });

    it('keeps a mutation made in place on a value from get, after the key leaves the cache', () => {
      const b = backend();
      const t = b.valueState<{ count: number; seen: string[] }>('t');
      t.set('a', { count: 1, seen: ['x'] });
      churn(b, 't');
      const v = t.get('a') as { count: number; seen: string[] };
      v.count++;
      v.seen.push('y');
      churn(b, 't');
      expect(t.get('a')).toEqual({ count: 2, seen: ['x', 'y'] });
      expect(new Map([...t.entries()]).get('a')).toEqual({ count: 2, seen: ['x', 'y'] });
    });

    it('keeps a value set then mutated in place', () => {
      const b = backend();
      const t = b.valueState<{ count: number }>('t');
      const v = { count: 1 };
      t.set(1, v);
      v.count = 5;
      churn(b, 't');
      expect(t.get(1)).toEqual({ count: 5 });
    });

    it('follows the get, mutate or set pattern of a rolling count over many keys', () => {
      const b = backend();
      const t = b.valueState<{ n: number }>('count');
      const rng = seededRandom(11);
      const oracle = new Map<number, number>();
      for (let i = 0; i < 3000; i++) {
        const k = randomInt(rng, 0, 150);
        const s = t.get(k);
        if (s === undefined) t.set(k, { n: 1 });
        else s.n++;
        oracle.set(k, (oracle.get(k) ?? 0) + 1);
      }
      expect(t.size).toBe(oracle.size);
      for (const [k, n] of oracle) expect(t.get(k)).toEqual({ n });
      expect(new Map([...t.entries()].map(([k, v]) => [k, v.n]))).toEqual(oracle);
    });

    it('agrees with a Map on a random mix of gets, sets, mutations and deletes', () => {
      const t = backend().valueState<{ v: number }>('t');
      const rng = seededRandom(5);
      const oracle = new Map<unknown, number>();
      const keyOf = (i: number): unknown => (i % 2 === 0 ? i : String(i));
      for (let step = 0; step < 5000; step++) {
        const k = keyOf(randomInt(rng, 0, 80));
        const op = randomInt(rng, 0, 9);
        if (op < 4) {
          const got = t.get(k);
          expect(got?.v).toBe(oracle.get(k));
          if (got !== undefined && op < 2) {
            got.v += 100;
            oracle.set(k, got.v);
          }
        } else if (op < 8) {
          t.set(k, { v: step });
          oracle.set(k, step);
        } else {
          t.delete(k);
          oracle.delete(k);
        }
        if (step % 997 === 0) expect(t.size).toBe(oracle.size);
      }
      expect(new Map([...t.entries()].map(([k, v]) => [k, v.v]))).toEqual(oracle);
    });

    it('keeps number and string keys apart', () => {
      const b = backend();
      const t = b.valueState<string>('t');
      const keys: unknown[] = [1, '1', 0, '0', '', 1.5, '1.5', -7, NaN, 'NaN', Infinity, 'Infinity', -Infinity];
      keys.forEach((k, i) => t.set(k, `v${i}`));
      churn(b, 't');
      keys.forEach((k, i) => expect(t.get(k)).toBe(`v${i}`));
      expect(t.size).toBe(keys.length);
      const listed = new Map([...t.entries()]);
      keys.forEach((k, i) => expect(listed.get(k)).toBe(`v${i}`));
    });

    it('treats -0 as the key 0, as a Map does', () => {
      const b = backend();
      const t = b.valueState<string>('t');
      t.set(-0, 'zero');
      churn(b, 't');
      expect(t.get(0)).toBe('zero');
      t.set(0, 'again');
      expect(t.size).toBe(1);
    });

    it('stores long string keys and strings with lone surrogates', () => {
      const b = backend();
      const t = b.valueState<number>('t');
      const long = 'k'.repeat(5000);
      const keys = [long, long + 'x', '\uD800', '\uD801', 'é'.repeat(1500), '\u0000{"a":1}'];
      keys.forEach((k, i) => t.set(k, i));
      churn(b, 't');
      keys.forEach((k, i) => expect(t.get(k)).toBe(i));
      expect(new Map([...t.entries()])).toEqual(new Map(keys.map((k, i) => [k, i])));
      t.delete(long);
      expect(t.get(long)).toBeUndefined();
      expect(t.get(long + 'x')).toBe(1);
    });

    it('remembers the original of a composite key, and answers a plain key with itself', () => {
      const b = backend();
      const originals: unknown[] = [[1, 'a'], { user: 'u1', day: new Date(86_400_000) }, [2n, null], ['1'], [1]];
      const canonicals = originals.map((k) => canonicalKey(k));
      expect(new Set(canonicals).size).toBe(originals.length);
      originals.forEach((k, i) => b.rememberKey(canonicals[i], k));
      b.rememberKey(5, 5);
      b.rememberKey('plain', 'plain');
      const t = b.valueState<number>('t');
      canonicals.forEach((c, i) => t.set(c, i));
      for (let i = 0; i < 100; i++) b.rememberKey(canonicalKey([i, 'churn']), [i, 'churn']);
      churn(b, 't');
      originals.forEach((k, i) => expect(b.originalKey(canonicals[i])).toStrictEqual(k));
      expect(b.originalKey(5)).toBe(5);
      expect(b.originalKey('plain')).toBe('plain');
      expect(b.originalKey('never')).toBe('never');
      expect(b.originalKey(canonicalKey([42, 'churn']))).toEqual([42, 'churn']);
      for (const [c, v] of t.entries()) expect(b.originalKey(c)).toStrictEqual(originals[v]);
    });

    it('keeps Map, Set, Date, bigint, undefined, NaN and Infinity in values', () => {
      const b = backend();
      const t = b.valueState<unknown>('t');
      const values: unknown[] = [
        new Map<unknown, unknown>([[1, 'one'], ['1', new Set([1, '1'])], [2n, new Date(5)]]),
        new Set([1, 'a', 3n, undefined]),
        new Date(1_700_000_000_123),
        12_345_678_901_234_567_890n,
        -5n,
        undefined,
        { a: undefined, b: [undefined, null], c: NaN, d: [Infinity, -Infinity] },
        [[1, [2, [3, { deep: [new Map([['x', [new Set([new Date(0)])]]])] }]]]],
        { big: [2 ** 40, Number.MAX_SAFE_INTEGER, -(2 ** 53), 0.1, 1e300], s: 'héllo\u0000' },
        new Float64Array([1.5, NaN]),
        new Uint8Array([1, 2, 255]),
      ];
      values.forEach((v, i) => t.set(i, v));
      churn(b, 't');
      b.flush();
      values.forEach((v, i) => expect(t.get(i)).toStrictEqual(v));
      expect(t.size).toBe(values.length);
      expect(new Map([...t.entries()]).has(5)).toBe(true);
      const listed = new Map([...t.entries()]);
      values.forEach((v, i) => expect(listed.get(i)).toStrictEqual(v));
    });

    it('keeps tables, partitions and operators apart', () => {
      const s = subject();
      const backends = [s.factory('a', 0), s.factory('a', 1), s.factory('b', 0)];
      backends.forEach((b, i) => {
        for (const table of ['x', 'y']) {
          const t = b.valueState<string>(table);
          for (let k = 0; k < 50; k++) t.set(k, `${i}/${table}/${k}`);
        }
      });
      backends[0]?.valueState('x').delete(3);
      backends.forEach((b, i) => {
        expect(b.tableNames).toEqual(['x', 'y']);
        for (const table of ['x', 'y']) {
          const t = b.valueState<string>(table);
          const gone = i === 0 && table === 'x' ? 1 : 0;
          expect(t.size).toBe(50 - gone);
          expect([...t.entries()]).toHaveLength(50 - gone);
          for (let k = 0; k < 50; k++) {
            expect(t.get(k)).toBe(gone === 1 && k === 3 ? undefined : `${i}/${table}/${k}`);
          }
        }
      });
    });

    it('flushes without losing or duplicating anything, and keeps working afterwards', () => {
      const b = backend();
      const t = b.valueState<{ n: number }>('t');
      for (let i = 0; i < 40; i++) t.set(i, { n: i });
      b.flush();
      b.flush();
      const v = t.get(39) as { n: number };
      v.n = -1;
      b.flush();
      t.set(40, { n: 40 });
      expect(t.size).toBe(41);
      expect(new Map([...t.entries()].map(([k, x]) => [k, x.n])).get(39)).toBe(-1);
    });

    it('keeps flushed state for a new backend on the same storage (persistent backends)', (ctx) => {
      let s = subject();
      if (s.reopen === undefined) return ctx.skip();
      let b = s.factory('op', 2);
      const t = b.valueState<{ n: number; tags: Set<string> }>('t');
      for (let i = 0; i < 100; i++) t.set(i, { n: i, tags: new Set([`t${i}`]) });
      const v = t.get(7) as { n: number; tags: Set<string> };
      v.n = 700;
      v.tags.add('mutated');
      const composite = canonicalKey(['a', 1]);
      b.rememberKey(composite, ['a', 1]);
      b.valueState<string>('other').set(composite, 'c');
      t.delete(8);
      b.flush();
      s = reopen(s);
      b = s.factory('op', 2);
      expect(b.tableNames.sort()).toEqual(['other', 't']);
      const t2 = b.valueState<{ n: number; tags: Set<string> }>('t');
      expect(t2.size).toBe(99);
      expect(t2.get(7)).toEqual({ n: 700, tags: new Set(['t7', 'mutated']) });
      expect(t2.get(8)).toBeUndefined();
      expect(b.originalKey(composite)).toEqual(['a', 1]);
      expect(b.valueState<string>('other').get(composite)).toBe('c');
      expect(s.factory('op', 3).tableNames).toEqual([]);
    });
  });
}
