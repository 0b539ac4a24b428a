import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { buildChartSpec, renderChartSvg } from '../../../../runtime/views/chart/index.ts';
import { windowTable } from './fixtures.ts';
import { byClass, marks, parseSvg, textsIn } from './svg-tree.ts';

describe('renderChartSvg (real vega, in Node, no canvas)', () => {
  it('draws a windowed table as one line per key and one point per window, with axis titles and a legend', async () => {
    const svg = parseSvg(await renderChartSvg(buildChartSpec(windowTable(3, 5), {})));
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(marks(svg, 'mark-line', 'role-mark')).toHaveLength(3);
    expect(marks(svg, 'mark-symbol', 'role-mark')).toHaveLength(15);
    expect(textsIn(svg, 'role-axis-title')).toEqual(expect.arrayContaining(['windowEnd', 'bids']));
    expect(textsIn(svg, 'role-legend-title')).toEqual(['key']);
    expect(textsIn(svg, 'role-legend-label')).toEqual(['k2', 'k1', 'k0']);
    expect(textsIn(svg, 'role-title-text')).toEqual(['bids per key']);
  });

  it('draws only the top-N keys and the "top N of M keys" subtitle', async () => {
    const svg = parseSvg(await renderChartSvg(buildChartSpec(windowTable(12, 2), { topN: 4 })));
    expect(textsIn(svg, 'role-legend-label')).toEqual(['k11', 'k10', 'k9', 'k8']);
    expect(marks(svg, 'mark-symbol', 'role-mark')).toHaveLength(8);
    expect(textsIn(svg, 'role-title-subtitle')).toEqual(['top 4 of 12 keys']);
  });

  it('labels each point with its window end, aggregate and key', async () => {
    const svg = parseSvg(await renderChartSvg(buildChartSpec(windowTable(1, 1), {})));
    const [point] = marks(svg, 'mark-symbol', 'role-mark');
    expect(point?.attrs['aria-label']).toMatch(/^windowEnd: .+; bids: 10; key: k0$/);
  });

  it('draws one bar per key for a non-windowed table', async () => {
    const t = aq.from([{ key: 'a', n: 3 }, { key: 'b', n: 5 }, { key: 'c', n: 1 }]);
    const svg = parseSvg(await renderChartSvg(buildChartSpec(t, {})));
    expect(marks(svg, 'mark-rect', 'role-mark')).toHaveLength(3);
    expect(textsIn(svg, 'role-axis-label')).toEqual(expect.arrayContaining(['b', 'a', 'c']));
    expect(byClass(svg, 'role-legend')).toHaveLength(0);
  });

  it('leaves the spec untouched (vega writes into the rows it ingests, so it gets copies)', async () => {
    const spec = buildChartSpec(windowTable(2, 3), {});
    const before = JSON.stringify(spec);
    await renderChartSvg(spec);
    expect(JSON.stringify(spec)).toBe(before);
  });

  it('re-renders the same chart with new rows from its cached dataflow and shows the new rows', async () => {
    const a = parseSvg(await renderChartSvg(buildChartSpec(windowTable(2, 3), {})));
    const b = parseSvg(await renderChartSvg(buildChartSpec(windowTable(2, 6), {})));
    expect(marks(a, 'mark-symbol', 'role-mark')).toHaveLength(6);
    expect(marks(b, 'mark-symbol', 'role-mark')).toHaveLength(12);
  });

  it('renders a spec without inline data too', async () => {
    const svg = parseSvg(await renderChartSvg({ data: { sequence: { start: 0, stop: 4 } }, mark: 'point', encoding: { x: { field: 'data', type: 'quantitative' } } }));
    expect(marks(svg, 'mark-symbol', 'role-mark')).toHaveLength(4);
  });
});

describe('renderChartSvg at live-view sizes', () => {
  it('draws all 1000 points of 10 keys × 100 windows', async () => {
    const svg = parseSvg(await renderChartSvg(buildChartSpec(windowTable(10, 100), {})));
    expect(marks(svg, 'mark-symbol', 'role-mark')).toHaveLength(1000);
    expect(marks(svg, 'mark-line', 'role-mark')).toHaveLength(10);
  });
});
