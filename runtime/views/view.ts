// A live view: a stream's changelog materialized as a table (changelog-table.ts), queried as an Arquero
// table, rendered as HTML and text, and pushed to a display target while the stream runs.
//
// Pushing never blocks the pipeline and never queues: the view's sink only applies each batch to the
// table. Rendering happens when processing time moves (the executor calls the sink between batches, on the
// environment's clock), at most once per refreshMs, and only when something changed (rows, watermark,
// events in, status). When the stream ends, pauses, stops or fails, one final update goes out at once. An
// asynchronous renderer (charts render SVG) has at most one rendering in flight; what changes meanwhile is
// coalesced into the next one.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { Batch } from '../exec/batch.ts';
import type { JobMetrics } from '../exec/job-metrics.ts';
import type { JobStatus } from '../exec/job.ts';
import type { Clock } from '../time/clock.ts';
import type { DisplayTarget, MimeBundle } from '../session/display-target.ts';
import { Publisher } from './publisher.ts';
import { ChangelogTable, type TableState } from './changelog-table.ts';
import type { KeyOption } from './primary-key.ts';
import { orderRows, topRows, type SortKey } from './view-order.ts';
import { columnsOf, toRecord, type Row } from './records.ts';
import { progressLine, progressLines, rowsCaption, NO_PROGRESS, type ViewProgress } from './progress.ts';
import { renderHtmlTable } from './html-table.ts';
import { renderTextTable } from './text-table.ts';

export interface ViewSettings {
  readonly name: string;
  readonly key: KeyOption | undefined;
  readonly topN: number | undefined;
  readonly sortBy: readonly SortKey[];
  readonly refreshMs: number;
  readonly maxRows: number | undefined;
  /** Width of the text rendering (default: the terminal's, or 100). */
  readonly width: number | undefined;
  /** Where updates go: a target, false for nowhere, undefined for the registered/default target. */
  readonly display: DisplayTarget | false | undefined;
  /** The stream may retract rows. */
  readonly changelog: boolean;
}

/** A view's state in a snapshot. */
interface ViewState {
  readonly table: TableState;
  readonly watermark: number;
}

interface Pushed {
  readonly changes: number;
  readonly eventsIn: number;
  readonly watermark: number;
  readonly status: JobStatus;
  readonly final: boolean;
}

interface ShownRows {
  readonly records: Row[];
  readonly columns: string[];
  readonly caption: string;
}

/** Rows a rendering shows when the view has no topN (the table itself keeps them all). */
export const DISPLAY_ROWS = 50;

let displaySeq = 0;

export class View<T = unknown> {
  readonly name: string;
  /** The display id its updates carry (Jupyter's display_id). */
  readonly displayId: string;
  protected readonly settings: ViewSettings;
  private readonly publisher: Publisher;
  private readonly data: ChangelogTable;
  private metrics: JobMetrics | null = null;
  private clock: Clock | null = null;
  private stopListening: (() => void) | null = null;
  private jobStatus: JobStatus = 'created';
  private inputEnded = false;
  /** The progress when the input ended: a finished view keeps showing it while the job goes on. */
  private frozen: ViewProgress | null = null;
  private watermarkSeen = -Infinity;
  private nextPushAt = -Infinity;
  private pushed: Pushed | null = null;
  private retiredFlag = false;

  constructor(settings: ViewSettings) {
    this.settings = settings;
    this.name = settings.name;
    this.displayId = `rivulet-view-${++displaySeq}-${settings.name.replace(/[^\w-]+/g, '_')}`;
    this.data = new ChangelogTable({ key: settings.key, changelog: settings.changelog, maxRows: settings.maxRows });
    this.publisher = new Publisher(settings.name, this.displayId, settings.display, () => this.render());
  }

  /** Updates delivered to the display target so far (the first show included). */
  get updates(): number {
    return this.publisher.updates;
  }

  /** The last error of rendering or of the display target, if any. */
  get lastError(): unknown {
    return this.publisher.lastError;
  }

  // ---- Queries -------------------------------------------------------------------------------------------

  /** A fresh Arquero table of every row (sorted by sortBy when given, else in insertion order). */
  table(): ColumnTable {
    const records = this.rows().map(toRecord);
    const columns = columnsOf(records);
    const data: Record<string, unknown[]> = {};
    for (const c of columns) data[c] = records.map((r) => r[c]);
    return aq.table(data, columns);
  }

  /** Every row (sorted by sortBy when given, else in insertion order). */
  rows(): T[] {
    return orderRows(this.data.rows(), this.settings.sortBy) as T[];
  }

  /** The rows shown: the top N by sortBy, or the N most recent without it (default topN, else all). */
  top(n: number = this.settings.topN ?? Infinity): T[] {
    return topRows(this.data.rows(), this.settings.sortBy, n) as T[];
  }

  /** Rows in the table now. */
  get size(): number {
    return this.data.size;
  }

  /** The key fields the table is keyed by (given or inferred from the first row), or null. */
  get keyFields(): readonly string[] | null {
    return this.data.keyFields;
  }

  get status(): JobStatus {
    return this.inputEnded ? 'finished' : this.jobStatus;
  }

  progress(): ViewProgress {
    if (this.frozen !== null) return this.frozen;
    const m = this.metrics;
    const watermark = Number.isFinite(this.watermarkSeen) ? this.watermarkSeen : null;
    if (m === null) return { ...NO_PROGRESS, watermark, rows: this.data.size };
    const replay = m.replay?.();
    return {
      ...(replay !== undefined ? { replay } : {}),
      status: this.status,
      eventsIn: m.eventsIn,
      eventsPerSecond: Math.round(m.eventsPerSecond(Date.now())),
      watermark,
      lateDropped: m.lateDropped,
      deadLetters: m.deadLetters,
      rows: this.data.size,
    };
  }

  /** The HTML rendering (progress line, table of the top rows, row count). */
  html(): string {
    return this.htmlOf(this.shownRows(), this.progress());
  }

  /** The plain-text rendering for terminals, fitting `width` columns. */
  text(width: number = this.textWidth()): string {
    return this.textOf(this.shownRows(), this.progress(), width);
  }

  /** Every rendering this view offers, by MIME type. */
  async mimeBundle(): Promise<MimeBundle> {
    return this.render();
  }

  /** Shows the view (again) on the display target; every display of it updates together. */
  show(): Promise<void> {
    this.publisher.reshow();
    return this.publisher.deliver(this.pushed?.final ?? false);
  }

  /** Pushes an update now, whatever the throttle says; resolves once it is delivered. */
  refresh(): Promise<void> {
    return this.push(false);
  }

  /** Resolves once no rendering is in flight (charts render asynchronously). */
  idle(): Promise<void> {
    return this.publisher.idle();
  }

  /** True once another view took this one's name: its sink then does nothing. */
  get retired(): boolean {
    return this.retiredFlag;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.text();
  }

  // ---- What the sink and the registry call ------------------------------------------------------------------

  /** @internal The view's sink is being created for a (new) job: start from an empty table. */
  attach(metrics: JobMetrics, clock: Clock): void {
    if (metrics === this.metrics) return;
    this.stopListening?.();
    this.metrics = metrics;
    this.clock = clock;
    this.data.clear();
    this.watermarkSeen = -Infinity;
    this.inputEnded = false;
    this.frozen = null;
    this.nextPushAt = -Infinity;
    this.jobStatus = metrics.status;
    this.stopListening = metrics.onStatus((s) => this.onJobStatus(s));
  }

  /** @internal A batch of the view's input. */
  apply(b: Batch): void {
    this.data.apply(b);
    const w = b.wmEnd;
    if (w > this.watermarkSeen && Number.isFinite(w)) this.watermarkSeen = w;
  }

  /** @internal Processing time moved: push if refreshMs has passed since the last push and something changed. */
  tick(now: number): void {
    if (now < this.nextPushAt || this.jobStatus !== 'running' || !this.changed()) return;
    void this.push(false);
  }

  /** @internal The view's input ended (its stream is finished even if the job goes on). */
  inputFinished(): void {
    this.inputEnded = true;
    this.frozen = this.progress();
    this.finalPush();
  }

  /** @internal */
  snapshotState(): ViewState {
    return { table: this.data.snapshot(), watermark: this.watermarkSeen };
  }

  /** @internal */
  restoreState(states: unknown[]): void {
    const s = states.find((x) => x !== undefined && x !== null) as ViewState | undefined;
    if (s === undefined) return;
    this.data.restore(s.table);
    this.watermarkSeen = s.watermark;
  }

  /** @internal Another view took this one's name. */
  retire(): void {
    this.retiredFlag = true;
    this.stopListening?.();
    this.stopListening = null;
  }

  // ---- Rendering and delivery ---------------------------------------------------------------------------

  /** The bundle to display; subclasses (charts) may render asynchronously. */
  protected render(): MimeBundle | Promise<MimeBundle> {
    const shown = this.shownRows();
    const progress = this.progress();
    return { 'text/html': this.htmlOf(shown, progress), 'text/plain': this.textOf(shown, progress, this.textWidth()) };
  }

  private htmlOf({ records, columns, caption }: ShownRows, progress: ViewProgress): string {
    return renderHtmlTable(records, { columns, caption: progressLine(this.name, progress), footer: caption });
  }

  private textOf({ records, columns, caption }: ShownRows, progress: ViewProgress, width: number): string {
    const head = progressLines(this.name, progress, width);
    if (columns.length === 0) return `${head}\n(${caption})`;
    return `${head}\n${renderTextTable(records, { columns, width, footer: caption })}`;
  }

  /** @internal The rows a rendering shows, as records, with their columns and the row-count caption. */
  protected shownRows(): ShownRows {
    const all = this.data.rows();
    const n = this.settings.topN ?? DISPLAY_ROWS;
    const shown = topRows(all, this.settings.sortBy, n);
    const records = shown.map(toRecord);
    return { records, columns: columnsOf(records), caption: rowsCaption(shown.length, all.length, this.settings.sortBy.length > 0) };
  }

  private onJobStatus(s: JobStatus): void {
    this.jobStatus = s;
    if (s === 'paused' || s === 'finished' || s === 'stopped' || s === 'failed') this.finalPush();
  }

  private finalPush(): void {
    if (this.pushed?.final === true && !this.changed()) return;
    void this.push(true);
  }

  private changed(): boolean {
    const p = this.pushed;
    if (p === null) return true;
    return (
      p.changes !== this.data.changes ||
      p.eventsIn !== this.eventsIn() ||
      p.watermark !== this.watermarkSeen ||
      p.status !== this.status
    );
  }

  private eventsIn(): number {
    return this.frozen?.eventsIn ?? this.metrics?.eventsIn ?? 0;
  }

  private push(final: boolean): Promise<void> {
    if (this.retiredFlag) return Promise.resolve();
    const now = this.clock?.now() ?? 0;
    this.nextPushAt = now + this.settings.refreshMs;
    this.pushed = {
      changes: this.data.changes,
      eventsIn: this.eventsIn(),
      watermark: this.watermarkSeen,
      status: this.status,
      final,
    };
    return this.publisher.deliver(final);
  }

  private textWidth(): number {
    if (this.settings.width !== undefined) return this.settings.width;
    const cols = process.stdout.isTTY ? process.stdout.columns : undefined;
    return cols !== undefined && cols > 20 ? Math.min(cols, 160) : 100;
  }
}
