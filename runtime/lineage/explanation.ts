// What explain(view, { key, windowStart }) returns: the input records that made one window's row (arrival
// order, event time, the watermark they met), those that came too late for it (dropped, or sent to the late
// output), and the watermark the window fired at; as rows, an Arquero table, HTML and text like a view.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { MimeBundle } from '../session/display-target.ts';
import { getDisplayTarget } from '../session/display-registry.ts';

let shown = 0;
import { renderHtmlTable } from '../views/html-table.ts';
import { renderTextTable, formatCell } from '../views/text-table.ts';
import type { LateRecord, LineageRecord, WindowLineageEntry } from './lineage-store.ts';
import { toJson } from '../connectors/recording/recording-format.ts';

export interface ExplanationRow {
  /** 'counted' (went into the window), 'late: dropped' or 'late: late output'. */
  role: string;
  arrival: number | null;
  eventTime: number;
  /** The window operator's watermark when the record came in. */
  watermark: number | null;
  record: string;
}

const COLUMNS = ['role', 'arrival', 'eventTime', 'watermark', 'record'];
const format = (v: unknown, column: string): string => formatCell(v, column === 'watermark' ? 'time' : column);

export class Explanation {
  readonly key: unknown;
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The watermark at each firing of the window (the first is what fired it; more with allowed lateness). */
  readonly firings: readonly number[];
  readonly contributed: readonly LineageRecord[];
  readonly late: readonly LateRecord[];

  constructor(
    entry: WindowLineageEntry,
    /** The view's row for this window, if it has one. */
    readonly result: unknown,
  ) {
    this.key = entry.key;
    this.windowStart = entry.windowStart;
    this.windowEnd = entry.windowEnd;
    this.firings = [...entry.firings];
    this.contributed = [...entry.contributed];
    this.late = [...entry.late];
  }

  /** The watermark when the window first fired, or null while it has not fired. */
  get watermarkAtFiring(): number | null {
    return this.firings[0] ?? null;
  }

  /** One row per record: the ones counted, then the late ones, each in arrival order. */
  rows(): ExplanationRow[] {
    const row = (r: LineageRecord, role: string): ExplanationRow => ({
      role,
      arrival: r.arrival,
      eventTime: r.eventTime,
      watermark: Number.isFinite(r.watermark) ? r.watermark : null,
      record: toJson(r.record),
    });
    return [...this.contributed.map((r) => row(r, 'counted')), ...this.late.map((r) => row(r, `late: ${r.fate}`))];
  }

  table(): ColumnTable {
    const rows = this.rows();
    const data: Record<string, unknown[]> = {};
    for (const c of COLUMNS) data[c] = rows.map((r) => r[c as keyof ExplanationRow]);
    return aq.table(data, COLUMNS);
  }

  /** One line: the window, its key, how many records counted and came late, and the watermark at firing. */
  summary(): string {
    const fired = this.watermarkAtFiring === null ? 'not fired yet' : `fired at watermark ${formatCell(this.watermarkAtFiring, 'time')}`;
    const more = this.firings.length > 1 ? ` (${this.firings.length} firings)` : '';
    return `key ${toJson(this.key)} · window ${formatCell(this.windowStart, 'time')} – ${formatCell(this.windowEnd, 'time')} · ${this.contributed.length} counted · ${this.late.length} late · ${fired}${more}`;
  }

  html(): string {
    const result = this.result === undefined ? 'no row in the view' : `row: ${toJson(this.result)}`;
    return renderHtmlTable(this.rows() as unknown as Record<string, unknown>[], { columns: COLUMNS, caption: this.summary(), footer: result, format });
  }

  text(width = 120): string {
    const result = this.result === undefined ? 'no row in the view' : `row: ${toJson(this.result)}`;
    return `${this.summary()}\n${renderTextTable(this.rows() as unknown as Record<string, unknown>[], { columns: COLUMNS, width, footer: result, format })}`;
  }

  async mimeBundle(): Promise<MimeBundle> {
    return { 'text/html': this.html(), 'text/plain': this.text() };
  }

  /** Shows it on the display target views use (a notebook cell's output, the REPL, stdout). */
  async show(): Promise<void> {
    await getDisplayTarget().show(await this.mimeBundle(), `rivulet-explain-${++shown}`, { final: true });
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.text();
  }
}
