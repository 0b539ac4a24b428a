// What stream.view() and stream.chart() do: check the options, make the view, register it on the
// environment by name, attach its sink (run with every job of the environment), and show it.
import { LogicalNode } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import type { StreamEnvironment } from '../api/stream-environment.ts';
import { checkChartOptions, type ChartOptions } from './chart/chart-options.ts';
import { checkViewOptions, VIEW_OPTIONS, type ViewOptions } from './view-options.ts';
import { View, type ViewSettings } from './view.ts';
import { ChartView } from './chart-view.ts';
import { ViewSink, RetiredViewSink } from './view-sink.ts';
import { registerView, freeViewName } from './view-registry.ts';
import { setViewInput } from './view-inputs.ts';

/** Options of stream.chart(): the chart's (x, y, color, mark, topN, title, width, height) and the view's. */
export type ChartViewOptions = ChartOptions & Pick<ViewOptions, 'name' | 'key' | 'refreshMs' | 'maxRows' | 'display'>;

const CHART_VIEW_OPTIONS = ['name', 'key', 'refreshMs', 'maxRows', 'display'] as const;
const CHART_OPTIONS = ['x', 'y', 'color', 'mark', 'topN', 'title', 'width', 'height'] as const;

interface StreamLike {
  readonly env: StreamEnvironment;
  readonly node: LogicalNode;
}

export function createView<T>(stream: StreamLike, options: ViewOptions | undefined): View<T> {
  const o = checkViewOptions('view', options, VIEW_OPTIONS);
  const settings: ViewSettings = { ...o, name: o.name ?? freeViewName(stream.env), changelog: stream.node.changelog };
  return attach(stream, new View<T>(settings));
}

export function createChart<T>(stream: StreamLike, options: ChartViewOptions | undefined): ChartView<T> {
  const known: readonly string[] = [...CHART_VIEW_OPTIONS, ...CHART_OPTIONS];
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) {
    for (const k of Object.keys(options)) {
      if (!known.includes(k)) throw new RivuletError('BAD_ARGUMENT', { where: 'chart', name: `option ${k}`, expected: `one of ${known.join(', ')}`, got: k });
    }
  }
  const o = checkViewOptions('chart', pick(options ?? {}, (k) => viewOption(k)), CHART_VIEW_OPTIONS);
  const chartOptions = pick(options ?? {}, (k) => !viewOption(k)) as ChartOptions;
  checkChartOptions(chartOptions);
  const settings: ViewSettings = { ...o, name: o.name ?? freeViewName(stream.env, 'chart'), changelog: stream.node.changelog };
  return attach(stream, new ChartView<T>(settings, chartOptions));
}

const viewOption = (k: string): boolean => (CHART_VIEW_OPTIONS as readonly string[]).includes(k);

/** The entries of `o` whose names pass `keep`; `o` itself when it is not a plain object (checked later). */
function pick(o: unknown, keep: (k: string) => boolean): unknown {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return o;
  return Object.fromEntries(Object.entries(o).filter(([k]) => keep(k)));
}

function attach<V extends View<any>>(stream: StreamLike, view: V): V {
  registerView(stream.env, view);
  setViewInput(view, stream.node);
  stream.env.addSink(
    new LogicalNode({
      kind: 'sink',
      label: `${view instanceof ChartView ? 'chart' : 'view'} "${view.name}"`,
      inputs: [stream.node],
      parallelism: 'one',
      timestamps: stream.node.timestamps,
      changelog: false,
      create: (ctx) => (view.retired ? new RetiredViewSink(ctx.out) : new ViewSink(view, ctx)),
    }),
  );
  void view.show();
  return view;
}
