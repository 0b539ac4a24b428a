// The keyed window operator (Flink's WindowOperator with an event-time or processing-time trigger).
// Each key's panes live in the partition's ValueState; a timer at a window's maxTimestamp fires it, and one at
// maxTimestamp + allowedLateness clears it. An element is late for a window when
// maxTimestamp + allowedLateness <= watermark; it updates the windows it is not late for, and goes to the
// "late" side output when it is late for all of them. A late element within the allowed lateness fires its
// window again, retracting the previous result (-U) before the new one (+U). Session windows merge when they
// intersect or touch; a merged session retracts the results of the sessions it absorbed when it fires.
import { BatchBuilder, END_WATERMARK, NO_WATERMARK, type Batch } from '../../exec/batch.ts';
import type { Operator, OperatorContext } from '../../exec/operator.ts';
import type { ValueStateTable } from '../../state/keyed-state-backend.ts';
import type { TimerService } from '../../time/timer-service.ts';
import { windowStart, type WindowAssigner } from '../../time/windows/window-assigner.ts';
import { canonicalKey } from '../../exec/partitioning/index.ts';
import type { WindowContents } from './window-contents.ts';
import { emitChanges } from './emit-changes.ts';
import { userFunctionFailed } from '../user-function-error.ts';
import { keySelector } from '../specialised-loop.ts';
import { minWatermark } from '../restore-helpers.ts';
import { canSlice, dropFiredSlices, mergeSlices } from './window-slices.ts';

export interface Pane<C> {
  start: number;
  end: number;
  contents: C;
  fired: boolean;
  /** Rows downstream currently holds for this pane (kept only when results can be retracted). */
  emitted: unknown[] | null;
}

interface KeyPanes<C> {
  key: unknown;
  panes: Pane<C>[];
}

export interface WindowSettings {
  readonly assigner: WindowAssigner;
  readonly allowedLateness: number;
  /** null for windowAll: every element has the same (absent) key. */
  readonly key: ((row: any) => unknown) | null;
}

const GLOBAL_KEY = 0;

export class WindowOperator<C> implements Operator {
  private readonly state: ValueStateTable<KeyPanes<C>>;
  private readonly timers: TimerService;
  private readonly out = new BatchBuilder(true);
  private readonly late = new BatchBuilder(true);
  protected readonly eventTime: boolean;
  private readonly retractable: boolean;
  protected readonly lateness: number;
  /** Sliding windows kept as slices (see window-slices.ts). */
  private readonly sliced: boolean;
  protected current = NO_WATERMARK;
  /** Processing time during a processing-time firing; the watermark otherwise. */
  protected firingTime = NO_WATERMARK;

  /** The key selector with a call site of its own (see specialised-loop.ts); null for windowAll. */
  private readonly keyOf: ((row: unknown) => unknown) | null;
  /** The timer callback, made once (the watermark advances at almost every row: no closure per step). */
  private readonly fireTimer = (time: number, key: unknown, c: unknown): void => this.onTimer(c, key, time);

  constructor(
    protected readonly settings: WindowSettings,
    private readonly contents: WindowContents<C>,
    protected readonly ctx: OperatorContext,
  ) {
    this.keyOf = settings.key === null ? null : keySelector(settings.key);
    this.state = ctx.state.valueState('window');
    this.eventTime = settings.assigner.time === 'event';
    this.timers = this.eventTime ? ctx.eventTimers : ctx.processingTimers;
    this.lateness = this.eventTime ? settings.allowedLateness : 0;
    this.retractable = this.lateness > 0;
    this.sliced = canSlice(settings.assigner, this.lateness, contents as WindowContents<unknown>);
  }

  process(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    const now = this.eventTime ? 0 : this.ctx.clock.now();
    let i = 0;
    try {
      for (; i < n; i++) {
        if (b.wm !== null) {
          const w = b.wm[i] as number;
          if (w > this.current) this.advance(w);
        }
        const row = rows[i];
        const t = this.eventTime ? ((b.ts as number[])[i] as number) : now;
        this.element(row, t);
      }
    } catch (e) {
      throw userFunctionFailed('window', rows[i], e);
    }
    if (b.wmEnd > this.current) this.advance(b.wmEnd);
    this.flush(b.idle);
  }

  onProcessingTime(now: number): void {
    if (this.eventTime || this.timers.next > now) return;
    this.firingTime = now;
    this.timers.advance(now, this.fireTimer);
    this.flush(false);
  }

  finish(): void {
    if (this.current < END_WATERMARK) this.advance(END_WATERMARK);
    if (!this.eventTime) this.onProcessingTime(Infinity);
    this.flush(false);
    this.ctx.out.end();
    this.ctx.side('late').end();
  }

  snapshotState(): { current: number } {
    return { current: this.current };
  }

  restoreState(states: unknown[]): void {
    this.current = minWatermark(states);
  }

  private flush(idle: boolean): void {
    // The late output carries every watermark too, as Flink's side outputs do.
    this.ctx.side('late').push(this.late.take(this.current, idle));
    this.ctx.out.push(this.out.take(this.current, idle));
  }

  private advance(w: number): void {
    if (this.eventTime) {
      this.firingTime = w;
      this.timers.advance(w, this.fireTimer);
    }
    this.current = w;
  }

  /** A timer of key `c` fired: fire its due panes and clear the expired ones. */
  private onTimer(c: unknown, key: unknown, time: number): void {
    const kp = this.state.get(c);
    if (kp === undefined) return;
    if (this.sliced) return this.fireSliced(c, key, kp, time);
    const upTo = this.firingTime;
    const panes = kp.panes;
    for (let j = 0; j < panes.length; j++) {
      const pane = panes[j] as Pane<C>;
      const maxTs = pane.end - 1;
      if (!pane.fired && maxTs <= upTo) this.fire(key, pane);
      if (maxTs + this.lateness <= upTo) {
        panes.splice(j, 1);
        j--;
      }
    }
    if (panes.length === 0) this.state.delete(c);
  }

  protected element(row: unknown, t: number): void {
    const keyOf = this.keyOf;
    const k = keyOf === null ? GLOBAL_KEY : keyOf(row);
    const c = keyOf === null ? GLOBAL_KEY : canonicalKey(k);
    const a = this.settings.assigner;
    const added = a.kind === 'session' ? this.addToSession(row, t, k, c, a.gap) : this.addToAligned(row, t, k, c);
    if (!added) {
      this.late.add(row, t, this.current, '+I');
      this.ctx.metrics.lateDropped++;
    }
  }

  /** Sliced: the window ending at `time` + 1 fires with its slices merged; slices no window needs go. */
  private fireSliced(c: unknown, key: unknown, kp: KeyPanes<C>, time: number): void {
    const a = this.settings.assigner;
    const size = a.kind === 'sliding' ? a.size : 0;
    const window = mergeSlices(kp.panes, time + 1 - size, time + 1, this.contents);
    if (window !== null) this.fire(key, window);
    dropFiredSlices(kp.panes, size, time);
    if (kp.panes.length === 0) this.state.delete(c);
  }

  /** Sliced: adds the element to its slice; false when every window containing it has fired. */
  private addToSlice(row: unknown, t: number, k: unknown, c: unknown): boolean {
    const a = this.settings.assigner;
    if (a.kind !== 'sliding') return false;
    const start = windowStart(t, a.offset, a.slide);
    const wm = this.current;
    if (start + a.size - 1 <= wm) return false;
    const kp = this.keyPanes(c, k);
    const panes = kp.panes;
    const n = panes.length;
    const last = n === 0 ? undefined : (panes[n - 1] as Pane<C>);
    const pane = last !== undefined && last.start === start ? last : this.paneAt(kp, c, k, start, start + a.slide, false);
    if (pane !== last) {
      // Timers for every window the new slice belongs to that has not fired yet (the last window first
      // ends at start + slide - 1, the last at start + size - 1).
      for (let end = start + a.slide; end <= start + a.size; end += a.slide) if (end - 1 > wm) this.timers.register(end - 1, c, k);
    }
    pane.contents = this.contents.add(pane.contents, row);
    return true;
  }

  /** Tumbling and sliding windows; returns false when the element was late for every window. */
  private addToAligned(row: unknown, t: number, k: unknown, c: unknown): boolean {
    if (this.sliced) return this.addToSlice(row, t, k, c);
    const a = this.settings.assigner;
    if (a.kind === 'session') return false;
    const size = a.size;
    const step = a.kind === 'sliding' ? a.slide : size;
    const wm = this.eventTime ? this.current : NO_WATERMARK;
    let added = false;
    // The key's panes, looked up once per element (a sliding element lands in size/slide windows).
    let kp: KeyPanes<C> | undefined;
    for (let start = windowStart(t, a.offset, step); start > t - size; start -= step) {
      const maxTs = start + size - 1;
      if (maxTs + this.lateness <= wm) continue;
      added = true;
      kp ??= this.keyPanes(c, k);
      const pane = this.paneAt(kp, c, k, start, start + size);
      pane.contents = this.contents.add(pane.contents, row);
      if (this.eventTime && maxTs <= wm) this.fire(k, pane);
    }
    return added;
  }

  /** The panes of key `c`, created (and remembered) when it has none. */
  private keyPanes(c: unknown, k: unknown): KeyPanes<C> {
    let kp = this.state.get(c);
    if (kp === undefined) {
      kp = { key: k, panes: [] };
      this.state.set(c, kp);
      this.ctx.state.rememberKey(c, k);
    }
    return kp;
  }

  private paneAt(kp: KeyPanes<C>, c: unknown, k: unknown, start: number, end: number, schedule = true): Pane<C> {
    const panes = kp.panes;
    let at = panes.length;
    for (let j = 0; j < panes.length; j++) {
      const p = panes[j] as Pane<C>;
      if (p.start === start) return p;
      if (p.start > start && at === panes.length) at = j;
    }
    const pane: Pane<C> = { start, end, contents: this.contents.create(), fired: false, emitted: null };
    // Panes stay sorted by start, so that a key's due windows fire in time order.
    if (at === panes.length) panes.push(pane);
    else panes.splice(at, 0, pane);
    if (schedule) this.schedule(c, k, end - 1);
    return pane;
  }

  private schedule(c: unknown, k: unknown, maxTs: number): void {
    this.timers.register(maxTs, c, k);
    if (this.lateness > 0) this.timers.register(maxTs + this.lateness, c, k);
  }

  /** Session windows; returns false when the element was late (and merged with nothing). */
  private addToSession(row: unknown, t: number, k: unknown, c: unknown, gap: number): boolean {
    const wm = this.eventTime ? this.current : NO_WATERMARK;
    let kp = this.state.get(c);
    let start = t;
    let end = t + gap;
    const touching: Pane<C>[] = [];
    if (kp !== undefined) {
      for (const p of kp.panes) if (p.start <= end && p.end >= start) touching.push(p);
    }
    if (touching.length === 0 && end - 1 + this.lateness <= wm) return false;
    if (kp === undefined) {
      kp = { key: k, panes: [] };
      this.state.set(c, kp);
      this.ctx.state.rememberKey(c, k);
    }
    let pane: Pane<C>;
    const only = touching[0];
    if (touching.length === 1 && only !== undefined && only.start <= start && only.end >= end) {
      pane = only;
    } else {
      for (const p of touching) {
        start = Math.min(start, p.start);
        end = Math.max(end, p.end);
      }
      pane = this.mergedPane(touching, start, end);
      kp.panes = kp.panes.filter((p) => !touching.includes(p));
      kp.panes.push(pane);
      kp.panes.sort((x, y) => x.start - y.start);
      this.schedule(c, k, end - 1);
    }
    pane.contents = this.contents.add(pane.contents, row);
    if (this.eventTime && pane.end - 1 <= wm) this.fire(k, pane);
    return true;
  }

  private mergedPane(parts: Pane<C>[], start: number, end: number): Pane<C> {
    let contents = this.contents.create();
    let emitted: unknown[] | null = null;
    for (const p of parts) {
      contents = this.contents.merge(contents, p.contents);
      if (p.emitted !== null && p.emitted.length > 0) emitted = [...(emitted ?? []), ...p.emitted];
    }
    return { start, end, contents, fired: false, emitted };
  }

  protected fire(key: unknown, pane: Pane<C>): void {
    const window = { start: pane.start, end: pane.end };
    // The context sees the watermark that fired the window (Flink updates it before timers run); the rows
    // carry the previous one, so that downstream they are not late for windows ending at the same time.
    const contextWm = this.eventTime ? Math.max(this.current, this.firingTime) : this.current;
    let rows: unknown[];
    try {
      rows = this.contents.results(this.settings.key === null ? undefined : key, window, pane.contents, contextWm);
    } catch (e) {
      throw userFunctionFailed('window', { key, window }, e);
    }
    emitChanges(this.out, pane.emitted, rows, pane.end - 1, this.current);
    pane.fired = true;
    if (this.retractable) pane.emitted = rows;
  }
}
