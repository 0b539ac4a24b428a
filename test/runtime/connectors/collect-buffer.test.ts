import { describe, expect, it } from 'vitest';
import { CollectBuffer } from '../../../runtime/connectors/collect-buffer.ts';
import { batchOf, type RowKind } from '../../../runtime/exec/batch.ts';

const changes = (...pairs: [RowKind, unknown][]) =>
  batchOf(
    pairs.map(([, r]) => r),
    0,
    null,
    null,
    pairs.map(([op]) => op),
  );

describe('CollectBuffer', () => {
  it('keeps every row of an append-only stream in arrival order, duplicates included', () => {
    const buf = new CollectBuffer(false);
    buf.add(batchOf([3, 1], 0));
    buf.add(batchOf([3], 0));
    expect(buf.rows()).toEqual([3, 1, 3]);
  });

  it('applies a changelog: an update replaces its row in place, so rows stay in first-insert order', () => {
    const buf = new CollectBuffer(true);
    buf.add(changes(['+I', { k: 'a', n: 1 }], ['+I', { k: 'b', n: 1 }]));
    buf.add(changes(['-U', { k: 'a', n: 1 }], ['+U', { k: 'a', n: 2 }], ['+I', { k: 'c', n: 1 }]));
    buf.add(changes(['-U', { k: 'b', n: 1 }], ['+U', { k: 'b', n: 5 }]));
    expect(buf.rows()).toEqual([
      { k: 'a', n: 2 },
      { k: 'b', n: 5 },
      { k: 'c', n: 1 },
    ]);
  });

  it('removes a deleted row', () => {
    const buf = new CollectBuffer(true);
    buf.add(changes(['+I', 'x'], ['+I', 'y'], ['-D', 'x']));
    expect(buf.rows()).toEqual(['y']);
  });

  it('matches retractions by content, not by identity', () => {
    const buf = new CollectBuffer(true);
    buf.add(changes(['+I', { k: 1, v: [1, 2] }]));
    buf.add(changes(['-U', { k: 1, v: [1, 2] }], ['+U', { k: 1, v: [1, 2, 3] }]));
    expect(buf.rows()).toEqual([{ k: 1, v: [1, 2, 3] }]);
  });

  it('retracts only one of two equal rows', () => {
    const buf = new CollectBuffer(true);
    buf.add(changes(['+I', 'same'], ['+I', 'same'], ['-D', 'same']));
    expect(buf.rows()).toEqual(['same']);
  });

  it('keeps the order when several updates are retracted before their new values arrive', () => {
    const buf = new CollectBuffer(true);
    buf.add(changes(['+I', 'a1'], ['+I', 'b1'], ['+I', 'c1']));
    buf.add(changes(['-U', 'c1'], ['-U', 'a1'], ['+U', 'c2'], ['+U', 'a2']));
    expect(buf.rows()).toEqual(['a2', 'b1', 'c2']);
  });

  it('treats the rows of a changelog batch without kinds as inserts', () => {
    const buf = new CollectBuffer(true);
    buf.add(batchOf(['p', 'q'], 0));
    buf.add(changes(['-D', 'p']));
    expect(buf.rows()).toEqual(['q']);
  });

  it('puts a merged session in the place of the first session it replaced', () => {
    const buf = new CollectBuffer(true);
    buf.add(changes(['+I', 's1'], ['+I', 'other'], ['+I', 's2']));
    buf.add(changes(['-D', 's2'], ['-U', 's1'], ['+U', 's12']));
    expect(buf.rows()).toEqual(['s12', 'other']);
  });
});
