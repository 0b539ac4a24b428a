import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { buildChartSpec } from '../../../../runtime/views/chart/index.ts';
import { T0, windowRows, windowTable } from './fixtures.ts';

// The spec is plain JSON; tests read it as such.
type Json = Record<string, any>;
const specOf = (...args: Parameters<typeof buildChartSpec>): Json => buildChartSpec(...args) as Json;

describe('buildChartSpec for window results', () => {
  it('puts windowEnd on a temporal x axis, the first aggregate on y and the key on color', () => {
    const spec = specOf(windowTable(3, 4), {});
    expect(spec.encoding.x).toMatchObject({ field: 'windowEnd', type: 'temporal' });
    expect(spec.encoding.y).toMatchObject({ field: 'bids', type: 'quantitative' });
    expect(spec.encoding.color).toMatchObject({ field: 'key', type: 'nominal' });
    expect(spec.mark).toMatchObject({ type: 'line', point: true });
    expect(spec.title).toEqual({ text: 'bids per key' });
  });

  it('inlines one data value per result row, with only the charted columns', () => {
    const spec = specOf(windowTable(3, 4), {});
    expect(spec.data.values).toHaveLength(12);
    expect(spec.data.values[0]).toEqual({ windowEnd: T0 + 10_000, bids: 10, key: 'k0' });
  });

  it('keeps the top 10 keys by y total and says "top 10 of M keys" in the subtitle', () => {
    const spec = specOf(windowTable(25, 3), {});
    const keys = new Set(spec.data.values.map((v: Json) => v.key));
    expect(keys).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `k${24 - i}`)));
    expect(spec.data.values).toHaveLength(30);
    expect(spec.title).toEqual({ text: 'bids per key', subtitle: 'top 10 of 25 keys' });
    expect(spec.encoding.color.sort).toEqual(Array.from({ length: 10 }, (_, i) => `k${24 - i}`));
  });

  it('takes topN from the options and ranks keys by their y total, not their largest value', () => {
    const rows = [
      { key: 'spiky', windowStart: T0, windowEnd: T0 + 10_000, bids: 50 },
      { key: 'steady', windowStart: T0, windowEnd: T0 + 10_000, bids: 30 },
      { key: 'steady', windowStart: T0 + 2_000, windowEnd: T0 + 12_000, bids: 30 },
      { key: 'small', windowStart: T0, windowEnd: T0 + 10_000, bids: 1 },
    ];
    const spec = specOf(rows, { topN: 2 });
    expect(spec.encoding.color.sort).toEqual(['steady', 'spiky']);
    expect(spec.title.subtitle).toBe('top 2 of 3 keys');
  });

  it('has no subtitle when every key fits', () => {
    expect(specOf(windowTable(4, 2), { topN: 4 }).title).toEqual({ text: 'bids per key' });
  });

  it('uses a quantitative x when window ends are not epoch milliseconds (a virtual clock from 0)', () => {
    const rows = [{ key: 'a', windowStart: 0, windowEnd: 10, n: 1 }, { key: 'a', windowStart: 2, windowEnd: 12, n: 2 }];
    expect(specOf(rows, {}).encoding.x).toMatchObject({ field: 'windowEnd', type: 'quantitative' });
  });

  it('reads Date and bigint cells as numbers that survive JSON', () => {
    const rows = [{ key: 'a', windowEnd: new Date(T0), n: 3n }];
    const spec = specOf(rows, {});
    expect(spec.encoding.x.type).toBe('temporal');
    expect(spec.data.values).toEqual([{ windowEnd: T0, n: 3, key: 'a' }]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it('honours x, y, color, mark, title, width and height from the options', () => {
    const spec = specOf(windowTable(2, 2), { x: 'windowStart', y: 'top', mark: 'area', title: 'Top price', width: 300, height: 120 });
    expect(spec.encoding.x.field).toBe('windowStart');
    expect(spec.encoding.y.field).toBe('top');
    expect(spec.mark.type).toBe('area');
    expect(spec).toMatchObject({ title: { text: 'Top price' }, width: 300, height: 120 });
  });

  it('folds several y columns into one small chart per aggregate, colored by key', () => {
    const spec = specOf(windowTable(2, 2), { y: ['bids', 'top'] });
    expect(spec.transform).toEqual([{ fold: ['bids', 'top'], as: ['measure', 'value'] }]);
    expect(spec.encoding.row).toMatchObject({ field: 'measure' });
    expect(spec.encoding.y.field).toBe('value');
    expect(spec.encoding.color.field).toBe('key');
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
  });

  it('charts a windowAll result (no key column) as a single series', () => {
    const rows = windowRows(1, 3).map(({ key: _key, ...rest }) => rest);
    const spec = specOf(rows, {});
    expect(spec.encoding.color).toBeUndefined();
    expect(spec.data.values).toHaveLength(3);
  });
});

describe('buildChartSpec for tables that are not window results', () => {
  it('draws a bar chart of the first numeric column by key, largest first', () => {
    const t = aq.from([{ key: 'a', count: 3 }, { key: 'b', count: 5 }, { key: 'c', count: 1 }]);
    const spec = specOf(t, {});
    expect(spec.mark.type).toBe('bar');
    expect(spec.encoding.x).toMatchObject({ field: 'key', type: 'nominal', sort: ['b', 'a', 'c'] });
    expect(spec.encoding.y).toMatchObject({ field: 'count', type: 'quantitative' });
    expect(spec.encoding.color).toBeUndefined();
    expect(spec.title).toEqual({ text: 'count by key' });
  });

  it('uses the first text column as the category when there is no key', () => {
    const t = aq.from([{ id: 1, city: 'Oslo', temp: 4 }, { id: 2, city: 'Rome', temp: 19 }]);
    const spec = specOf(t, {});
    expect(spec.encoding.x.field).toBe('city');
    expect(spec.encoding.y.field).toBe('id');
    expect(specOf(t, { y: 'temp' }).encoding.y.field).toBe('temp');
  });

  it('keeps the top-N categories by y and says so', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ key: i, n: i }));
    const spec = specOf(rows, { topN: 3 });
    expect(spec.encoding.x.sort).toEqual([11, 10, 9]);
    expect(spec.data.values).toHaveLength(3);
    expect(spec.title.subtitle).toBe('top 3 of 12 keys');
  });

  it('draws a line over time for an append-only table with a timestamp and no category', () => {
    const rows = [{ ts: T0, price: 3 }, { ts: T0 + 1000, price: 4 }];
    const spec = specOf(rows, {});
    expect(spec.mark.type).toBe('line');
    expect(spec.encoding.x).toMatchObject({ field: 'ts', type: 'temporal' });
  });

  it('shows a placeholder while a view has no columns yet', () => {
    const spec = specOf([], {});
    expect(spec.mark.type).toBe('text');
    expect(spec.title.text).toBe('waiting for rows');
  });
});
