// How a view renders: the HTML table for notebooks (escaped, typed columns, numbers right-aligned, progress
// line and "showing top N of M") and the text table for terminals (fitting a width). Views here are fed
// batches directly, so their progress is fixed (no job: "not started", no events).
import { describe, expect, it } from 'vitest';
import { View } from '../../../runtime/views/view.ts';
import { sortKeys } from '../../../runtime/views/view-order.ts';
import { batchOf } from '../../../runtime/exec/batch.ts';
import { renderHtmlTable, escapeHtml } from '../../../runtime/views/html-table.ts';
import { progressLine, rowsCaption } from '../../../runtime/views/progress.ts';
import type { ViewSettings } from '../../../runtime/views/view.ts';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

function windowView(o: Partial<ViewSettings> = {}): View {
  const v = new View({
    name: 'bids <live>',
    key: undefined,
    topN: 2,
    sortBy: sortKeys('view', 'bids'),
    refreshMs: 250,
    maxRows: undefined,
    width: 60,
    display: false,
    changelog: true,
    ...o,
  });
  v.apply(
    batchOf(
      [
        { key: 'a<b>', windowStart: T0, windowEnd: T0 + 10_000, bids: 1234, avg: 2.5, hot: true },
        { key: 'c&d', windowStart: T0, windowEnd: T0 + 10_000, bids: 7, avg: 10.125, hot: false },
        { key: '"q"', windowStart: T0, windowEnd: T0 + 10_000, bids: 99, avg: null, hot: false },
      ],
      T0 + 9_999,
    ),
  );
  return v;
}

const NOTE = 'font-size:0.85em;color:#666;';
const th = (name: string, align: string, type: string): string =>
  `<th style="text-align:${align}">${name}<br><span style="font-weight:normal;${NOTE}">${type}</span></th>`;

describe('view rendering', () => {
  it('renders an HTML table with a progress line, typed and escaped columns, and "showing top N of M"', () => {
    const expected = [
      '<div class="rivulet-view">',
      `<div class="rivulet-progress" style="${NOTE}">bids &lt;live&gt; · not started · 0 events in · 0 events/s · watermark 12:00:09.999 · 0 late dropped</div>`,
      '<table class="rivulet-table">',
      `<thead><tr>${th('key', 'left', 'text')}${th('windowStart', 'right', 'time')}${th('windowEnd', 'right', 'time')}${th('bids', 'right', 'number')}${th('avg', 'right', 'number')}${th('hot', 'left', 'bool')}</tr></thead>`,
      '<tbody>',
      '<tr><td style="text-align:left">a&lt;b&gt;</td><td style="text-align:right">12:00:00.000</td><td style="text-align:right">12:00:10.000</td><td style="text-align:right">1,234</td><td style="text-align:right">2.5</td><td style="text-align:left">true</td></tr>',
      '<tr><td style="text-align:left">&quot;q&quot;</td><td style="text-align:right">12:00:00.000</td><td style="text-align:right">12:00:10.000</td><td style="text-align:right">99</td><td style="text-align:right"></td><td style="text-align:left">false</td></tr>',
      '</tbody>',
      '</table>',
      `<div class="rivulet-rows" style="${NOTE}">showing top 2 of 3 rows</div>`,
      '</div>',
    ].join('\n');
    expect(windowView().html()).toBe(expected);
  });

  it('renders a text table with the progress line, right-aligned numbers and the row count', () => {
    expect(windowView().text(100)).toBe(
      [
        'bids <live> · not started · 0 events in · 0 events/s · watermark 12:00:09.999 · 0 late dropped',
        'key    windowStart     windowEnd   bids  avg  hot',
        '────  ────────────  ────────────  ─────  ───  ─────',
        'a<b>  12:00:00.000  12:00:10.000  1,234  2.5  true',
        '"q"   12:00:00.000  12:00:10.000     99       false',
        'showing top 2 of 3 rows',
      ].join('\n'),
    );
  });

  it('fits a narrow terminal: the progress wraps and wide columns are cut', () => {
    const text = windowView().text(40);
    expect(text).toBe(
      [
        'bids <live> · not started · 0 events in',
        '0 events/s · watermark 12:00:09.999',
        '0 late dropped',
        'key   windo…  window…   bids  avg  hot',
        '────  ──────  ───────  ─────  ───  ─────',
        'a<b>  12:00…  12:00:…  1,234  2.5  true',
        '"q"   12:00…  12:00:…     99       false',
        'showing top 2 of 3 rows',
      ].join('\n'),
    );
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
  });

  it('shows the most recent rows, in order, when topN has no sortBy', () => {
    const v = windowView({ sortBy: [], topN: 2 });
    expect(v.text(100).split('\n').slice(3)).toEqual([
      'c&d  12:00:00.000  12:00:10.000     7  10.125  false',
      '"q"  12:00:00.000  12:00:10.000    99          false',
      'showing last 2 of 3 rows',
    ]);
  });

  it('says so when a view has no rows yet', () => {
    const v = new View({ name: 'empty', key: undefined, topN: undefined, sortBy: [], refreshMs: 250, maxRows: undefined, width: 80, display: false, changelog: false });
    expect(v.text()).toBe('empty · not started · 0 events in · 0 events/s · watermark — · 0 late dropped\n(no rows yet)');
    expect(v.html()).toBe(
      `<div class="rivulet-view">\n<div class="rivulet-progress" style="${NOTE}">empty · not started · 0 events in · 0 events/s · watermark — · 0 late dropped</div>\n<div class="rivulet-rows" style="${NOTE}">no rows yet</div>\n</div>`,
    );
  });

  it('types bigint, object, date and mixed columns and escapes every cell', () => {
    const html = renderHtmlTable(
      [
        { id: 1n, tags: ['x', 'y'], when: new Date(T0), mixed: 1 },
        { id: 22n, tags: [], when: new Date(T0 + 1), mixed: "<script>alert('x')</script>" },
      ],
      { columns: ['id', 'tags', 'when', 'mixed'] },
    );
    expect(html).toBe(
      [
        '<div class="rivulet-view">',
        '<table class="rivulet-table">',
        `<thead><tr>${th('id', 'right', 'bigint')}${th('tags', 'left', 'object')}${th('when', 'left', 'date')}${th('mixed', 'left', 'mixed')}</tr></thead>`,
        '<tbody>',
        '<tr><td style="text-align:right">1</td><td style="text-align:left">[&quot;x&quot;,&quot;y&quot;]</td><td style="text-align:left">2024-01-01T12:00:00.000Z</td><td style="text-align:left">1</td></tr>',
        '<tr><td style="text-align:right">22</td><td style="text-align:left">[]</td><td style="text-align:left">2024-01-01T12:00:00.001Z</td><td style="text-align:left">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td></tr>',
        '</tbody>',
        '</table>',
        '</div>',
      ].join('\n'),
    );
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });

  it('words the row count for all, top and last rows', () => {
    expect(rowsCaption(0, 0, false)).toBe('no rows yet');
    expect(rowsCaption(1, 1, false)).toBe('1 row');
    expect(rowsCaption(3, 3, true)).toBe('3 rows');
    expect(rowsCaption(10, 1234, true)).toBe('showing top 10 of 1,234 rows');
    expect(rowsCaption(10, 1234, false)).toBe('showing last 10 of 1,234 rows');
  });

  it('writes the progress line with counts, the watermark as a time or a number, and the status', () => {
    const p = { status: 'running' as const, eventsIn: 1_234_567, eventsPerSecond: 98_765.4, watermark: 1500, lateDropped: 3, deadLetters: 0, rows: 7 };
    expect(progressLine('hot', p)).toBe('hot · running · 1,234,567 events in · 98,765 events/s · watermark 1,500 · 3 late dropped');
    expect(progressLine('hot', { ...p, deadLetters: 2 })).toBe('hot · running · 1,234,567 events in · 98,765 events/s · watermark 1,500 · 3 late dropped · 2 dead letters');
    expect(progressLine('hot', { ...p, status: 'paused', watermark: T0 })).toContain('paused · 1,234,567 events in');
    expect(progressLine('hot', { ...p, watermark: T0 })).toContain('watermark 12:00:00.000');
  });
});
