import { describe, expect, it } from 'vitest';
import {
  aggregateAdder,
  fieldGetter,
  filterLoop,
  flatMapLoop,
  keySelector,
  mapLoop,
  sinkLoop,
  timestampLoop,
} from '../../../runtime/operators/specialised-loop.ts';
import { error } from '../../helpers/rivulet-errors.ts';
import type { RowKind } from '../../../runtime/index.ts';

describe('specialised loops', () => {
  it('gives each user function a loop of its own and the same function the same loop again', () => {
    const double = (x: number) => x * 2;
    const triple = (x: number) => x * 3;
    expect(mapLoop(double)).toBe(mapLoop(double));
    expect(mapLoop(double)).not.toBe(mapLoop(triple));
    expect(mapLoop(double)).not.toBe(mapLoop((x: number) => x * 2));
    expect(filterLoop(double)).not.toBe(mapLoop(double));
  });

  it('maps every row into the result array', () => {
    const res: unknown[] = [];
    mapLoop((x: number) => x + 1)([1, 2, 3], res);
    expect(res).toEqual([2, 3, 4]);
  });

  it('selects the indices of the rows the predicate keeps', () => {
    const sel = new Int32Array(8);
    const k = filterLoop((x: number) => x % 2 === 0)([1, 2, 3, 4, 6], sel);
    expect([...sel.subarray(0, k)]).toEqual([1, 3, 4]);
  });

  it('flat-maps returned arrays and collected rows, counting each input row’s outputs', () => {
    const out: unknown[] = [];
    const counts = new Int32Array(3);
    const collector = { collect: (r: unknown) => void out.push(r) };
    flatMapLoop((x: number, c) => (x === 2 ? c.collect('two') : Array.from({ length: x }, () => x)))([1, 2, 3], out, collector, counts);
    expect(out).toEqual([1, 'two', 3, 3, 3]);
    expect([...counts]).toEqual([1, 1, 3]);
  });

  it('hands a sink every row with its kind, +I when the batch has no kinds', () => {
    const seen: [unknown, RowKind][] = [];
    const loop = sinkLoop((row: unknown, kind: RowKind) => void seen.push([row, kind]));
    loop(['a', 'b'], null);
    loop(['c', 'd'], ['-U', '+U']);
    expect(seen).toEqual([['a', '+I'], ['b', '+I'], ['c', '-U'], ['d', '+U']]);
  });

  it('stamps timestamps and the watermark before each row, carrying the maximum across batches', () => {
    const progress = { maxTs: -Infinity, current: -Infinity };
    const loop = timestampLoop((r: { t: number }) => r.t, 2, () => NaN);
    const [ts, wm] = loop([{ t: 10 }, { t: 5 }, { t: 20 }], progress);
    expect(ts).toEqual([10, 5, 20]);
    expect(wm).toEqual([-Infinity, 8, 8]);
    expect(progress).toEqual({ maxTs: 20, current: 18 });
  });

  it('adds a record to every accumulator of a set and reads fields by name', () => {
    const add = aggregateAdder([{ add: (_r: unknown, acc: number) => acc + 1 }, { add: (r: { p: number }, acc: number) => acc + r.p }]);
    const accs = [0, 0];
    add(accs, { p: 5 });
    add(accs, { p: 7 });
    expect(accs).toEqual([2, 12]);
    expect(fieldGetter('p')({ p: 3 })).toBe(3);
    expect(fieldGetter("it's \"quoted\"")({ "it's \"quoted\"": 4 })).toBe(4);
    expect(fieldGetter(1)(['a', 'b'])).toBe('b');
  });

  it('names the operation and the record when a user function throws', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const mapErr = error(() => mapLoop(boom)([1, 2], []));
    expect(mapErr.code).toBe('USER_FUNCTION_FAILED');
    expect(mapErr.message).toContain('map');
    expect(error(() => filterLoop(boom)([{ id: 7 }], new Int32Array(1))).message).toContain('filter');
    expect(error(() => keySelector(boom)({ id: 7 })).message).toContain('keyBy');
    expect(error(() => sinkLoop(boom)([1], null)).message).toContain('addSink');
  });
});
