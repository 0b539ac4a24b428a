import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';
import { barsOf, measureOf, seriesOf, viewModel } from '../../../repl/dashboard/view-model.ts';
import { panelLayout } from '../../../repl/dashboard/panel-layout.ts';

const rows = [
  { key: 'a', windowStart: 0, windowEnd: 10, n: 3 },
  { key: 'b', windowStart: 0, windowEnd: 10, n: 5 },
  { key: 'a', windowStart: 10, windowEnd: 20, n: 7 },
  { key: 'b', windowStart: 10, windowEnd: 20, n: 2 },
  { key: 'c', windowStart: 10, windowEnd: 20, n: 4 },
];

describe('the dashboard view model', () => {
  it('takes the first numeric column that is not a key or a window bound as the measure', () => {
    expect(measureOf({ key: 1, windowStart: 0, windowEnd: 10, label: 'x', bids: 3, top: 9 })).toBe('bids');
    expect(measureOf({ key: 'a', name: 'x' })).toBeNull();
  });

  it('draws bars for the top keys of the latest window, largest first', () => {
    expect(barsOf(rows, 'n', true, 2)).toEqual([
      { label: 'a', value: 7 },
      { label: 'c', value: 4 },
    ]);
    expect(barsOf(rows, 'n', false, 2).map((b) => b.value)).toEqual([7, 5]);
  });

  it('makes the sparkline series the largest value of each window, oldest first', () => {
    expect(seriesOf([...rows].reverse(), 'n')).toEqual([5, 7]);
  });

  it('reads a real view: its rows, measure, bars, series and progress', async () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const data = [1, 2, 3, 11, 12, 21].map((t, i) => ({ user: i % 2 === 0 ? 'ann' : 'bob', t: t * 1000 }));
    const counts = env
      .fromArray(data)
      .withWatermarks({ timestamp: (r) => r.t, maxOutOfOrderness: 0 })
      .keyBy((r) => r.user)
      .window(Windows.tumbling(10_000))
      .aggregate({ clicks: agg.count() });
    const view = counts.view({ name: 'clicks', display: false });
    await env.execute('test');
    const m = viewModel(view, { rows: 3, bars: 5 });
    expect(m.name).toBe('clicks');
    expect(m.total).toBe(5); // 0-10: ann 2, bob 1; 10-20: bob 1, ann 1; 20-30: bob 1
    expect(m.rows).toHaveLength(3);
    expect(m.measure).toBe('clicks');
    expect(m.windowed).toBe(true);
    expect(m.series).toEqual([2, 1, 1]);
    expect(m.bars).toEqual([{ label: 'bob', value: 1 }]); // the latest window, 20-30, has bob only
    expect(m.progress.status).toBe('finished');
    expect(m.progress.eventsIn).toBe(6);
  });
});

describe('the panel layout', () => {
  it('puts the charts beside the table on a wide terminal and under it on a narrow one', () => {
    const wide = panelLayout(140, 40, 2);
    expect(wide.sideBySide).toBe(true);
    expect(wide.tableWidth + wide.chartWidth).toBeLessThanOrEqual(140);
    const narrow = panelLayout(70, 40, 2);
    expect(narrow.sideBySide).toBe(false);
    expect(narrow.tableWidth).toBe(70);
  });

  it('gives each panel fewer rows when the terminal is shorter or holds more views', () => {
    expect(panelLayout(140, 20, 1).tableRows).toBeLessThan(panelLayout(140, 40, 1).tableRows);
    expect(panelLayout(140, 40, 2).tableRows).toBeLessThan(panelLayout(140, 40, 1).tableRows);
    expect(panelLayout(140, 8, 3).tableRows).toBeGreaterThanOrEqual(1);
  });
});
