// The wire form of a batch gives the batch back: rows as columns when they share one shape (numbers in
// transferred Float64Arrays, repeated strings as a dictionary, other values as they are), structured clone
// otherwise; the time, watermark and
// changelog columns intact, NaN, -Infinity and -0 included.
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { batchOf, type Batch, type RowKind } from '../../../../runtime/exec/batch.ts';
import { fromWire, toWire, type WireBatch } from '../../../../runtime/exec/threads/batch-wire.ts';

/** Posts the batch through a real MessageChannel (with its transfer list) and decodes it on arrival. */
async function roundTrip(b: Batch): Promise<Batch> {
  const { port1, port2 } = new MessageChannel();
  const got = new Promise<WireBatch>((resolve) => port2.once('message', resolve));
  const { wire, transfer } = toWire(b);
  port1.postMessage(wire, transfer);
  const w = await got;
  port1.close();
  return fromWire(w);
}

const plain = (b: Batch) => ({ rows: b.rows, ts: b.ts, wm: b.wm, ops: b.ops, wmEnd: b.wmEnd, idle: b.idle });

describe('batches across threads', () => {
  it('gives back rows of one shape, sent as columns, with every column', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 3}`, n: i === 5 ? -0 : i * 1.5, when: i === 7 ? NaN : i, tag: i % 2 ? null : { deep: [i] }, u: undefined }));
    const ops: RowKind[] = rows.map((_, i) => (['+I', '-U', '+U', '-D'] as const)[i % 4] as RowKind);
    const b = batchOf(rows, 17, rows.map((_, i) => i * 10), rows.map((_, i) => (i === 0 ? -Infinity : i)), ops, true);
    const { wire } = toWire(b);
    expect(wire.rows.kind).toBe('cols');
    // key repeats (3 values in 20 rows): a dictionary; the other columns as numbers or as they are.
    const cols = (wire.rows as { cols: unknown[] }).cols;
    expect(cols[0]).toMatchObject({ dict: ['k0', 'k1', 'k2'] });
    expect(cols[1]).toBeInstanceOf(Float64Array);
    expect(Array.isArray(cols[3])).toBe(true);
    const back = await roundTrip(b);
    expect(plain(back)).toEqual(plain(b));
    expect(Object.is((back.rows[5] as { n: number }).n, -0)).toBe(true);
    expect(Object.keys(back.rows[3] as object)).toEqual(['key', 'n', 'when', 'tag', 'u']);
  });

  it('keeps a field that is a number in some rows and not in others as it is', async () => {
    const rows = Array.from({ length: 16 }, (_, i) => ({ id: i, v: i === 9 ? 'nine' : i, w: i === 0 ? 'zero' : i }));
    const b = batchOf(rows, 1);
    const cols = (toWire(b).wire.rows as { cols: unknown[] }).cols;
    expect(Array.isArray(cols[1]) && Array.isArray(cols[2])).toBe(true);
    expect(plain(await roundTrip(b))).toEqual(plain(b));
  });

  it('clones rows of mixed shapes, tuples and primitives as they are', async () => {
    const mixed = Array.from({ length: 12 }, (_, i) => (i === 4 ? { b: 1, a: 2 } : { a: i, b: i }));
    const tuples = Array.from({ length: 12 }, (_, i) => [i, `x${i}`]);
    const numbers = Array.from({ length: 12 }, (_, i) => i);
    const extra = Array.from({ length: 12 }, (_, i) => (i === 11 ? { a: i, b: i, c: 0 } : { a: i, b: i }));
    for (const rows of [mixed, tuples, numbers, extra]) {
      const b = batchOf(rows, 3);
      expect(toWire(b).wire.rows.kind).toBe('clone');
      expect(plain(await roundTrip(b))).toEqual(plain(b));
    }
    const empty = batchOf([], 9, null, null, null, false);
    expect(plain(await roundTrip(empty))).toEqual(plain(empty));
  });
});
