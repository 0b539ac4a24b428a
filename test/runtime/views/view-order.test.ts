// A view's order and top N: insertion order (top N = the most recent), or sortBy with ties in insertion
// order and missing values last; the top N chosen with a heap equal the first N of a full sort.
import { describe, expect, it } from 'vitest';
import { orderRows, sortKeys, topRows } from '../../../runtime/views/view-order.ts';
import { RivuletError } from '../../../runtime/index.ts';
import { seededRandom, randomInt } from '../../helpers/random-stream.ts';

describe('view order and top N', () => {
  const rows = [
    { k: 'a', n: 3 },
    { k: 'b', n: 9 },
    { k: 'c', n: null },
    { k: 'd', n: 9 },
    { k: 'e', n: 1 },
  ];

  it('sorts largest first by default, ties in insertion order, missing values last', () => {
    expect(orderRows(rows, sortKeys('t', 'n')).map((r: any) => r.k)).toEqual(['b', 'd', 'a', 'e', 'c']);
  });

  it('sorts ascending when asked, still with missing values last', () => {
    expect(orderRows(rows, sortKeys('t', { field: 'n', order: 'asc' })).map((r: any) => r.k)).toEqual(['e', 'a', 'b', 'd', 'c']);
  });

  it('sorts by several fields', () => {
    const keys = sortKeys('t', ['n', { field: 'k', order: 'asc' }]);
    expect(orderRows([{ k: 'z', n: 1 }, { k: 'y', n: 1 }, { k: 'x', n: 2 }], keys).map((r: any) => r.k)).toEqual(['x', 'y', 'z']);
  });

  it('takes the most recent rows as the top N without sortBy', () => {
    expect(topRows(rows, [], 2).map((r: any) => r.k)).toEqual(['d', 'e']);
  });

  it('refuses a sortBy that is not a field or { field, order }', () => {
    expect(() => sortKeys('view', { field: 'n', order: 'up' } as never)).toThrow(RivuletError);
    expect(() => sortKeys('view', 3 as never)).toThrow(/sortBy must be a field name/);
  });

  it('picks the same top N as a full sort, on random tables', () => {
    const rng = seededRandom(11);
    for (let round = 0; round < 50; round++) {
      const m = randomInt(rng, 0, 3000);
      const table = Array.from({ length: m }, (_, i) => ({ i, v: rng() < 0.05 ? undefined : randomInt(rng, 0, 50), w: randomInt(rng, 0, 3) }));
      const keys = sortKeys('t', rng() < 0.5 ? 'v' : ['w', { field: 'v', order: 'asc' }]);
      const n = randomInt(rng, 1, 40);
      expect(topRows(table, keys, n)).toEqual(orderRows(table, keys).slice(0, n));
    }
  });
});
