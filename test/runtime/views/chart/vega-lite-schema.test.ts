import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { buildChartSpec, VEGA_LITE_SCHEMA } from '../../../../runtime/views/chart/index.ts';
import { windowTable } from './fixtures.ts';
import { schemaErrors } from './vega-lite-schema.ts';

describe('chart specs against the Vega-Lite JSON schema shipped with vega-lite', () => {
  it('the schema itself rejects a spec that is not Vega-Lite, so the checks below mean something', () => {
    expect(schemaErrors({ data: { values: [] }, mark: 'pointy', encoding: {} })).not.toEqual([]);
  });

  it('a windowed chart with its top-N cut is valid Vega-Lite', () => {
    expect(schemaErrors(buildChartSpec(windowTable(15, 6), {}))).toEqual([]);
  });

  it('every mark of a windowed chart is valid Vega-Lite', () => {
    for (const mark of ['line', 'point', 'bar', 'area'] as const) {
      expect(schemaErrors(buildChartSpec(windowTable(3, 4), { mark })), mark).toEqual([]);
    }
  });

  it('a bar chart of a non-windowed table is valid Vega-Lite', () => {
    const t = aq.from([{ key: 'a', n: 3 }, { key: 'b', n: 5 }]);
    expect(schemaErrors(buildChartSpec(t, {}))).toEqual([]);
  });

  it('several y columns, folded into rows of charts or grouped bars, are valid Vega-Lite', () => {
    expect(schemaErrors(buildChartSpec(windowTable(3, 4), { y: ['bids', 'top'] }))).toEqual([]);
    expect(schemaErrors(buildChartSpec(windowTable(3, 4), { y: ['bids', 'top'], color: 'windowStart', mark: 'point' }))).toEqual([]);
    const t = aq.from([{ key: 'a', n: 3, m: 1 }, { key: 'b', n: 5, m: 2 }]);
    expect(schemaErrors(buildChartSpec(t, { y: ['n', 'm'] }))).toEqual([]);
  });

  it('the placeholder chart of a table with no columns yet is valid Vega-Lite', () => {
    expect(schemaErrors(buildChartSpec([], {}))).toEqual([]);
  });

  it('specs name the schema of the installed vega-lite major version', async () => {
    const { version } = await import('vega-lite');
    expect(VEGA_LITE_SCHEMA).toBe(`https://vega.github.io/schema/vega-lite/v${version.split('.')[0]}.json`);
    expect(buildChartSpec(windowTable(2, 2), {}).$schema).toBe(VEGA_LITE_SCHEMA);
  });
});

describe('chart specs of awkward keys against the Vega-Lite JSON schema', () => {
  it('numeric, missing and mixed keys still give a valid spec', () => {
    const rows = [
      { key: 7, windowEnd: 1, n: 1 }, { key: null, windowEnd: 1, n: 2 }, { key: 'x', windowEnd: 2, n: 3 }, { key: [1, 2], windowEnd: 2, n: 4 },
    ];
    expect(schemaErrors(buildChartSpec(rows, {}))).toEqual([]);
    expect(schemaErrors(buildChartSpec(rows.slice(0, 2), {}))).toEqual([]);
    expect(schemaErrors(buildChartSpec(rows.slice(0, 2), { x: 'key' }))).toEqual([]);
  });
});
