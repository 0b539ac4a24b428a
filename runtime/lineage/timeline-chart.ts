// env.watermarkTimeline(): the watermark timeline as a chart. x is the largest event time seen so far, y the
// watermark, both in seconds since the first event; one line per source and operator, and the diagonal
// "event time" line they stay under — the gap is how far each watermark lags. A stalled watermark (a dead
// sensor without an idle timeout) shows as a flat line. A Vega-Lite spec, an SVG rendered in Node, a table.
import type { TopLevelSpec } from 'vega-lite';
import type { MimeBundle } from '../session/display-target.ts';
import { getDisplayTarget } from '../session/display-registry.ts';

let shown = 0;
import { renderTextTable } from '../views/text-table.ts';
import { renderHtmlTable } from '../views/html-table.ts';
import type { WatermarkTimeline } from './watermark-timeline.ts';

const charts = (): Promise<typeof import('../views/chart/index.ts')> => import('../views/chart/index.ts');

export interface TimelineRow {
  /** Seconds since the first event: the largest event time seen, and the series' watermark then. */
  eventTime: number;
  watermark: number;
  series: string;
}

/** At most this many points per series go into the chart (evenly thinned, the last one kept). */
const CHART_POINTS = 120;
const DIAGONAL = 'event time (max seen)';

export class TimelineChart {
  private readonly data: TimelineRow[];

  constructor(timeline: WatermarkTimeline) {
    const pts = timeline.points;
    const origin = Math.min(...pts.map((p) => p.eventTime));
    const sec = (t: number): number => Math.round(t - origin) / 1000;
    const bySeries = new Map<string, TimelineRow[]>();
    for (const p of pts) {
      const list = bySeries.get(p.series) ?? [];
      list.push({ eventTime: sec(p.eventTime), watermark: sec(p.watermark), series: p.series });
      bySeries.set(p.series, list);
    }
    // Each series goes on to the latest event time at its current watermark (a stall is a flat line).
    for (const [series, wm] of timeline.current()) if (Number.isFinite(wm)) bySeries.get(series)?.push({ eventTime: sec(timeline.latest), watermark: sec(wm), series });
    const rows: TimelineRow[] = [];
    if (pts.length > 0) rows.push({ eventTime: 0, watermark: 0, series: DIAGONAL }, { eventTime: sec(timeline.latest), watermark: sec(timeline.latest), series: DIAGONAL });
    for (const list of bySeries.values()) rows.push(...thin(list));
    this.data = rows;
  }

  /** The chart's points: seconds since the first event. */
  rows(): TimelineRow[] {
    return this.data.map((r) => ({ ...r }));
  }

  async spec(): Promise<TopLevelSpec> {
    return (await charts()).buildChartSpec(this.data as unknown as Record<string, unknown>[], {
      x: 'eventTime', y: 'watermark', color: 'series', mark: 'line', topN: 20, title: 'Watermark vs event time (s since the first event)',
    });
  }

  async svg(): Promise<string> {
    return (await charts()).renderChartSvg(await this.spec());
  }

  async mimeBundle(): Promise<MimeBundle> {
    const spec = await this.spec();
    const c = await charts();
    return { [c.VEGA_LITE_MIME]: spec, 'image/svg+xml': await c.renderChartSvg(spec), 'text/plain': this.text() };
  }

  /** The latest watermark of each series, as a text table. */
  text(): string {
    return renderTextTable(this.latest(), { columns: ['series', 'eventTime', 'watermark'] });
  }

  html(): string {
    return renderHtmlTable(this.latest(), { columns: ['series', 'eventTime', 'watermark'], caption: 'Watermarks at the latest event time (s since the first event)' });
  }

  /** Shows it on the display target views use (a notebook cell's output, the REPL, stdout). */
  async show(): Promise<void> {
    await getDisplayTarget().show(await this.mimeBundle(), `rivulet-timeline-${++shown}`, { final: true });
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.text();
  }

  private latest(): Record<string, unknown>[] {
    const last = new Map<string, TimelineRow>();
    for (const r of this.data) last.set(r.series, r);
    return [...last.values()].map((r) => ({ ...r }));
  }
}

function thin(list: TimelineRow[]): TimelineRow[] {
  if (list.length <= CHART_POINTS) return list;
  const step = list.length / CHART_POINTS;
  const out: TimelineRow[] = [];
  for (let i = 0; i < CHART_POINTS; i++) out.push(list[Math.floor(i * step)] as TimelineRow);
  out.push(list[list.length - 1] as TimelineRow);
  return out;
}
