// A live chart: a view whose rendering is a Vega-Lite spec plus an SVG rendered in Node (views/chart/), so
// a window updated by the changelog moves its point instead of adding one. SVG rendering is asynchronous:
// the view keeps at most one rendering in flight and coalesces updates into the next one. vega and
// vega-lite are loaded on first use, so that importing Rivulet stays fast.
import type { TopLevelSpec } from 'vega-lite';
import type { MimeBundle } from '../session/display-target.ts';
import type { ChartOptions } from './chart/chart-options.ts';
import { progressLine } from './progress.ts';
import { View, type ViewSettings } from './view.ts';

const charts = (): Promise<typeof import('./chart/index.ts')> => import('./chart/index.ts');

export class ChartView<T = unknown> extends View<T> {
  constructor(
    settings: ViewSettings,
    readonly chartOptions: ChartOptions,
  ) {
    super(settings);
  }

  /** The Vega-Lite spec of the chart now. */
  async spec(): Promise<TopLevelSpec> {
    return (await charts()).buildChartSpec(this.table(), this.chartOptions);
  }

  /** The chart now as SVG (rendered by vega in Node). */
  async svg(): Promise<string> {
    const c = await charts();
    return c.renderChartSvg(c.buildChartSpec(this.table(), this.chartOptions));
  }

  protected override async render(): Promise<MimeBundle> {
    const table = this.table();
    const progress = progressLine(this.name, this.progress());
    const bundle = await (await charts()).chartBundle(table, this.chartOptions);
    return { ...bundle, 'text/plain': `${progress}\n${bundle['text/plain']}` };
  }
}
