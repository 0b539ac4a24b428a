// A chart plan written as a Vega-Lite spec with inline data: one top-level unit spec, its `$schema` that of
// the installed vega-lite. It uses only features Vega-Lite 5 also has, so JupyterLab's v5 renderer shows it.
// Several y columns are folded into (measure, value): split into rows of small charts when a color is
// already taken by the key, colored by measure otherwise, grouped side by side for bars.
import { version as vegaLiteVersion } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartInput } from './chart-data.ts';
import type { ChartOptions } from './chart-options.ts';
import { planChart, type ChartPlan } from './chart-plan.ts';

export const VEGA_LITE_SCHEMA = `https://vega.github.io/schema/vega-lite/v${vegaLiteVersion.split('.')[0]}.json`;

const MEASURE = 'measure';
const VALUE = 'value';

/** The Vega-Lite spec of a table's chart (window results: x = windowEnd, y = aggregate, color = key, top-N keys). */
export function buildChartSpec(table: ChartInput, options: ChartOptions = {}): TopLevelSpec {
  return specFromPlan(planChart(table, options));
}

export function specFromPlan(plan: ChartPlan): TopLevelSpec {
  const title = plan.subtitle === undefined ? { text: plan.title } : { text: plan.title, subtitle: plan.subtitle };
  const base = { $schema: VEGA_LITE_SCHEMA, title, width: plan.width, height: plan.height };
  if (plan.kind === 'empty') {
    return {
      ...base, data: { values: [{}] },
      mark: { type: 'text', color: 'gray' },
      encoding: { text: { value: 'no rows yet' } },
    };
  }
  const folded = plan.y.length > 1;
  const yField = folded ? VALUE : (plan.y[0] as string);
  const yTitle = plan.y.join(', ');
  const sortKeys = (field: string): Array<string | number | boolean> | undefined =>
    plan.ranked?.field === field ? sortArray(plan.ranked.keys) : undefined;

  const x: Record<string, unknown> = { field: plan.x.field, type: plan.x.type, title: plan.x.field };
  if (plan.kind === 'bars') {
    const order = sortKeys(plan.x.field);
    if (order !== undefined) x.sort = order;
  }
  const y: Record<string, unknown> = { field: yField, type: 'quantitative', title: yTitle };
  if (plan.kind === 'bars') y.aggregate = 'sum';

  const encoding: Record<string, unknown> = { x, y };
  if (plan.color !== undefined) {
    const color: Record<string, unknown> = { field: plan.color, type: 'nominal', title: plan.color };
    const order = sortKeys(plan.color);
    if (order !== undefined) color.sort = order;
    encoding.color = color;
  }
  let resolve: Record<string, unknown> | undefined;
  if (folded) {
    if (plan.color === undefined) {
      encoding.color = { field: MEASURE, type: 'nominal', title: null, sort: plan.y };
      if (plan.kind === 'bars') encoding.xOffset = { field: MEASURE, type: 'nominal', sort: plan.y };
    } else {
      encoding.row = { field: MEASURE, type: 'nominal', title: null, sort: plan.y };
      resolve = { scale: { y: 'independent' } };
      y.title = null;
    }
  }
  const mark = plan.mark === 'line'
    ? { type: 'line', point: true, tooltip: true }
    : { type: plan.mark, tooltip: true };

  const spec: Record<string, unknown> = { ...base, data: { values: plan.values } };
  if (folded) spec.transform = [{ fold: plan.y, as: [MEASURE, VALUE] }];
  spec.mark = mark;
  spec.encoding = encoding;
  if (resolve !== undefined) spec.resolve = resolve;
  // Assembled as plain JSON; the tests validate it against the JSON schema vega-lite ships.
  return spec as unknown as TopLevelSpec;
}

/** Ranked keys as a Vega-Lite sort array: one type only (the schema's rule), nulls left out (they sort last). */
function sortArray(keys: readonly (string | number | boolean | null)[]): Array<string | number | boolean> | undefined {
  const present = keys.filter((k): k is string | number | boolean => k !== null);
  const type = typeof present[0];
  return present.length > 0 && present.every((k) => typeof k === type) ? present : undefined;
}
