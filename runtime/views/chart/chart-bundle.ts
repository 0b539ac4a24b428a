// The MIME bundle a display target shows for a chart: the Vega-Lite spec for JupyterLab (under the v5
// MIME type, the newest JupyterLab registers; the spec only uses features v5 has), an SVG rendered in Node
// for front ends without Vega, and a one-paragraph text description for terminals and logs.
import type { TopLevelSpec } from 'vega-lite';
import type { ChartInput } from './chart-data.ts';
import type { ChartOptions } from './chart-options.ts';
import { planChart, type ChartPlan } from './chart-plan.ts';
import { specFromPlan } from './build-chart-spec.ts';
import { renderChartSvg } from './render-chart-svg.ts';

export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

export interface ChartBundle {
  'application/vnd.vegalite.v5+json': TopLevelSpec;
  'image/svg+xml': string;
  'text/plain': string;
}

export async function chartBundle(table: ChartInput, options: ChartOptions = {}): Promise<ChartBundle> {
  const plan = planChart(table, options);
  const spec = specFromPlan(plan);
  const svg = await renderChartSvg(spec);
  return { [VEGA_LITE_MIME]: spec, 'image/svg+xml': svg, 'text/plain': describeChart(plan) };
}

/** A short text description of a chart, e.g. `Chart "bids per key" (top 10 of 37 keys): line of bids over windowEnd, colored by key, 500 points.` */
export function describeChart(plan: ChartPlan): string {
  if (plan.kind === 'empty') return `Chart "${plan.title}": no rows yet.`;
  const sub = plan.subtitle === undefined ? '' : ` (${plan.subtitle})`;
  const what = plan.kind === 'bars'
    ? `bars of ${plan.y.join(', ')} by ${plan.x.field}`
    : `${plan.mark} of ${plan.y.join(', ')} over ${plan.x.field}`;
  const color = plan.color === undefined ? '' : `, colored by ${plan.color}`;
  const n = plan.values.length;
  return `Chart "${plan.title}"${sub}: ${what}${color}, ${n} ${plan.kind === 'bars' ? (n === 1 ? 'row' : 'rows') : n === 1 ? 'point' : 'points'}.`;
}
