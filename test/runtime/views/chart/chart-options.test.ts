import { describe, expect, it } from 'vitest';
import { RivuletError } from '../../../../runtime/errors/rivulet-error.ts';
import { buildChartSpec, chartBundle, type ChartOptions } from '../../../../runtime/views/chart/index.ts';
import { windowTable } from './fixtures.ts';

function errorOf(f: () => unknown): RivuletError {
  try {
    f();
  } catch (e) {
    if (e instanceof RivuletError) return e;
    throw e;
  }
  throw new Error('expected a RivuletError');
}

describe('chart argument checks', () => {
  it('rejects an unknown x column with BAD_ARGUMENT and lists the columns that exist', () => {
    const e = errorOf(() => buildChartSpec(windowTable(2, 2), { x: 'time' }));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('chart: x must be a column of the table, got "time"');
    expect(e.message).toContain('The table has columns: key, windowStart, windowEnd, bids, top.');
  });

  it('rejects unknown y and color columns the same way, suggesting a column that differs only in case', () => {
    const y = errorOf(() => buildChartSpec(windowTable(2, 2), { y: ['bids', 'Top'] }));
    expect(y.code).toBe('BAD_ARGUMENT');
    expect(y.message).toContain('y must be a column of the table, got "Top"');
    expect(y.message).toContain('Did you mean "top"?');
    const color = errorOf(() => buildChartSpec(windowTable(2, 2), { color: 'auction' }));
    expect(color.message).toContain('color must be a column of the table, got "auction"');
  });

  it('rejects unknown columns for plain rows too, naming every column seen', () => {
    const e = errorOf(() => buildChartSpec([{ a: 1 }, { b: 'x' }], { y: 'c' }));
    expect(e.message).toContain('The table has columns: a, b.');
  });

  it('rejects a text column on y and points to the numeric ones', () => {
    const e = errorOf(() => buildChartSpec(windowTable(2, 2), { y: 'key' }));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('y must be a numeric column, got "key"');
    expect(e.message).toContain('Numeric columns: bids, top.');
  });

  it('says so when a table has nothing numeric to plot', () => {
    const e = errorOf(() => buildChartSpec([{ key: 'a', name: 'x' }], {}));
    expect(e.message).toContain('No aggregate or numeric column was found among: key, name.');
  });

  it('rejects malformed options: unknown names, marks, topN, sizes', () => {
    const bad: unknown[] = [
      { colour: 'key' }, { mark: 'pie' }, { topN: 0 }, { topN: 2.5 }, { width: -1 }, { height: Number.NaN },
      { y: [] }, { x: 3 }, { title: 7 }, 'windowEnd',
    ];
    for (const options of bad) {
      const e = errorOf(() => buildChartSpec(windowTable(1, 1), options as ChartOptions));
      expect(e.code, JSON.stringify(options)).toBe('BAD_ARGUMENT');
    }
    expect(errorOf(() => buildChartSpec(windowTable(1, 1), { colour: 'key' } as ChartOptions)).message)
      .toContain('option colour must be one of x, y, color, mark, topN, title, width, height');
  });

  it('rejects bad arguments from chartBundle before rendering anything', async () => {
    await expect(chartBundle(windowTable(1, 1), { x: 'nope' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
