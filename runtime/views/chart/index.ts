// Charts of materialized views: a Vega-Lite spec built from an Arquero table (or rows), an SVG rendered in
// Node by vega, and the MIME bundle the notebook and REPL display targets show.
export type { ChartMark, ChartOptions } from './chart-options.ts';
export type { ChartInput, ChartRow } from './chart-data.ts';
export type { ChartBundle } from './chart-bundle.ts';
export { buildChartSpec, VEGA_LITE_SCHEMA } from './build-chart-spec.ts';
export { renderChartSvg } from './render-chart-svg.ts';
export { chartBundle, describeChart, VEGA_LITE_MIME } from './chart-bundle.ts';
export { planChart, DEFAULT_TOP_N } from './chart-plan.ts';
export type { ChartPlan } from './chart-plan.ts';
