// Changelog → table: how a view's table applies inserts, updates, deletes and retractions, whatever order the
// partitions deliver them in.
import { describe, expect, it } from 'vitest';
import { ChangelogTable, type ChangelogTableOptions } from '../../../runtime/views/changelog-table.ts';
import { batchOf, type RowKind } from '../../../runtime/exec/batch.ts';
import { seededRandom, randomInt, type Rng } from '../../helpers/random-stream.ts';

type Change = [RowKind, unknown];

const table = (o: Partial<ChangelogTableOptions> = {}): ChangelogTable =>
  new ChangelogTable({ key: undefined, changelog: true, maxRows: undefined, ...o });

const apply = (t: ChangelogTable, changes: Change[]): void =>
  t.apply(batchOf(changes.map((c) => c[1]), -Infinity, null, null, changes.map((c) => c[0])));

describe('ChangelogTable', () => {
  it('keys rows with a key field by key and updates them in place, keeping their order', () => {
    const t = table();
    const a1 = { key: 'a', n: 1 };
    const b1 = { key: 'b', n: 1 };
    const a2 = { key: 'a', n: 2 };
    apply(t, [['+I', a1], ['+I', b1], ['-U', a1], ['+U', a2]]);
    expect(t.keyFields).toEqual(['key']);
    expect(t.rows()).toEqual([a2, b1]);
    expect(t.size).toBe(2);
  });

  it('keys window results by key and windowStart, and by windowStart alone for windowAll', () => {
    const t = table();
    apply(t, [['+I', { key: 1, windowStart: 0, windowEnd: 10, n: 1 }], ['+I', { key: 1, windowStart: 10, windowEnd: 20, n: 4 }]]);
    expect(t.keyFields).toEqual(['key', 'windowStart']);
    expect(t.size).toBe(2);
    const all = table();
    apply(all, [['+I', { windowStart: 0, windowEnd: 10, n: 1 }]]);
    expect(all.keyFields).toEqual(['windowStart']);
  });

  it('removes a row on -D and puts a re-inserted key last', () => {
    const t = table();
    const a = { key: 'a', n: 1 };
    apply(t, [['+I', a], ['+I', { key: 'b', n: 1 }], ['-D', a], ['+I', { key: 'a', n: 5 }]]);
    expect(t.rows()).toEqual([{ key: 'b', n: 1 }, { key: 'a', n: 5 }]);
  });

  it('matches a retraction to its row by content when it is another object', () => {
    const t = table();
    apply(t, [['+I', { key: 'a', n: 1 }], ['-U', { key: 'a', n: 1 }], ['+U', { key: 'a', n: 2 }]]);
    expect(t.rows()).toEqual([{ key: 'a', n: 2 }]);
  });

  it('cancels a retraction that arrives before the row it retracts', () => {
    const t = table();
    // Partition 2 retracts a's first version before partition 1's insert of it has arrived.
    apply(t, [['-U', { key: 'a', n: 1 }], ['+U', { key: 'a', n: 2 }]]);
    expect(t.rows()).toEqual([{ key: 'a', n: 2 }]);
    apply(t, [['+I', { key: 'a', n: 1 }]]);
    expect(t.rows()).toEqual([{ key: 'a', n: 2 }]);
    expect(t.size).toBe(1);
  });

  it('keeps a key deleted when its delete overtakes its insert', () => {
    const t = table();
    apply(t, [['-D', { key: 'x', n: 3 }]]);
    expect(t.size).toBe(0);
    apply(t, [['+I', { key: 'x', n: 3 }]]);
    expect(t.rows()).toEqual([]);
  });

  it('treats an append-only stream with a key as an upsert stream', () => {
    const t = table({ changelog: false });
    t.apply(batchOf([{ key: 'a', v: 1 }, { key: 'b', v: 1 }, { key: 'a', v: 2 }], -Infinity));
    expect(t.rows()).toEqual([{ key: 'a', v: 2 }, { key: 'b', v: 1 }]);
  });

  it('keeps the last maxRows rows of an append-only stream without a key', () => {
    const t = table({ changelog: false, maxRows: 5 });
    for (let i = 0; i < 4; i++) t.apply(batchOf([i * 3, i * 3 + 1, i * 3 + 2], -Infinity));
    expect(t.kind).toBe('append');
    expect(t.rows()).toEqual([7, 8, 9, 10, 11]);
    expect(t.size).toBe(5);
  });

  it('keeps the last 1000 rows of an append-only stream by default', () => {
    const t = table({ changelog: false });
    t.apply(batchOf(Array.from({ length: 2500 }, (_, i) => ({ v: i })), -Infinity));
    expect(t.size).toBe(1000);
    expect(t.rows()[0]).toEqual({ v: 1500 });
  });

  it('keeps every key of a keyed table by default', () => {
    const t = table();
    t.apply(batchOf(Array.from({ length: 5000 }, (_, i) => ({ key: i })), -Infinity));
    expect(t.size).toBe(5000);
  });

  it('holds a changelog without a key as a multiset of rows', () => {
    const t = table();
    apply(t, [['+I', [1, 'A']], ['+I', [1, 'A']], ['+I', [2, 'B']], ['-U', [1, 'A']], ['+U', [1, 'C']], ['-D', [2, 'B']]]);
    expect(t.kind).toBe('content');
    expect(t.rows()).toEqual([[1, 'A'], [1, 'C']]);
    expect(t.size).toBe(2);
  });

  it('uses the key option over the inferred key: a field, fields, or a function', () => {
    const byName = table({ key: 'name', changelog: false });
    byName.apply(batchOf([{ key: 1, name: 'x' }, { key: 2, name: 'x' }], -Infinity));
    expect(byName.rows()).toEqual([{ key: 2, name: 'x' }]);
    const byFn = table({ key: (r: { id: number }) => r.id % 2, changelog: false });
    byFn.apply(batchOf([{ id: 1 }, { id: 2 }, { id: 3 }], -Infinity));
    expect(byFn.rows()).toEqual([{ id: 3 }, { id: 2 }]);
    const tuples = table({ key: 'f0', changelog: false });
    tuples.apply(batchOf([[1, 'a'], [1, 'b']], -Infinity));
    expect(tuples.rows()).toEqual([[1, 'b']]);
  });

  it('drops the oldest keys beyond maxRows', () => {
    const t = table({ key: 'key', maxRows: 2 });
    apply(t, [['+I', { key: 1 }], ['+I', { key: 2 }], ['+I', { key: 3 }]]);
    expect(t.rows()).toEqual([{ key: 2 }, { key: 3 }]);
  });

  it('restores what it snapshotted, in every mode', () => {
    const keyed = table();
    apply(keyed, [['+I', { key: 'a', n: 1 }], ['-U', { key: 'z', n: 9 }], ['+I', { key: 'b', n: 1 }]]);
    const append = table({ changelog: false, maxRows: 3 });
    append.apply(batchOf([1, 2, 3, 4], -Infinity));
    const content = table();
    apply(content, [['+I', 'x'], ['+I', 'x']]);
    for (const t of [keyed, append, content]) {
      const copy = table({ changelog: t !== append, maxRows: t === append ? 3 : undefined });
      copy.restore(structuredClone(t.snapshot()));
      expect(copy.rows()).toEqual(t.rows());
      expect(copy.size).toBe(t.size);
    }
    const copy = table();
    copy.restore(structuredClone(keyed.snapshot()));
    apply(copy, [['+I', { key: 'z', n: 9 }], ['-U', { key: 'a', n: 1 }], ['+U', { key: 'a', n: 2 }]]);
    expect(copy.rows()).toEqual([{ key: 'a', n: 2 }, { key: 'b', n: 1 }]);
  });

  describe('out-of-order retractions across partitions (parallelism 4)', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      it(`ends with the last version of every key, however 4 partitions interleave (seed ${seed})`, () => {
        const rng = seededRandom(seed);
        const { partitions, expected } = keyedChangesAcrossPartitions(rng, 4, 12, 300);
        const t = table();
        let early = 0;
        for (const batch of interleave(rng, partitions)) {
          apply(t, batch);
          early += t.snapshot().entries.filter(([, owed]) => owed !== null).length;
        }
        expect(early).toBeGreaterThan(0); // some retractions did overtake their rows
        const byKey = (rows: unknown[]): unknown[] => [...rows].sort((a, b) => (a as { key: number }).key - (b as { key: number }).key);
        expect(byKey(t.rows())).toEqual(byKey(expected));
        expect(t.size).toBe(expected.length);
      });
    }
  });
});

/**
 * Changes of keyed rows whose keys move between partitions (as when the key the changes are routed by is
 * not the view's key): each change of a key goes to a random partition, so a -U may be sent from another
 * partition than the +I it retracts. Returns the changes per partition in send order and the final rows.
 */
function keyedChangesAcrossPartitions(rng: Rng, p: number, keys: number, steps: number): { partitions: Change[][]; expected: unknown[] } {
  const partitions: Change[][] = Array.from({ length: p }, () => []);
  const current = new Map<number, { key: number; v: number }>();
  const send = (c: Change): void => void (partitions[randomInt(rng, 0, p - 1)] as Change[]).push(c);
  for (let i = 0; i < steps; i++) {
    const key = randomInt(rng, 0, keys - 1);
    const old = current.get(key);
    const roll = rng();
    if (old === undefined) {
      const row = { key, v: i };
      current.set(key, row);
      send(['+I', row]);
    } else if (roll < 0.2) {
      current.delete(key);
      send(['-D', { ...old }]);
    } else {
      const row = { key, v: i };
      current.set(key, row);
      send(['-U', { ...old }]);
      send(['+U', row]);
    }
  }
  return { partitions, expected: [...current.values()] };
}

/** Batches of 1-3 changes taken from random partitions, each partition's changes in order. */
function interleave(rng: Rng, partitions: Change[][]): Change[][] {
  const at = partitions.map(() => 0);
  const out: Change[][] = [];
  for (;;) {
    const open = partitions.map((_, i) => i).filter((i) => (at[i] as number) < (partitions[i] as Change[]).length);
    if (open.length === 0) return out;
    const i = open[randomInt(rng, 0, open.length - 1)] as number;
    const n = randomInt(rng, 1, 3);
    out.push((partitions[i] as Change[]).slice(at[i], (at[i] as number) + n));
    at[i] = (at[i] as number) + n;
  }
}
