// The keyed window operator with lineage on: the same operator (it only adds to it), which also notes, for each
// element, the windows it went into or came too late for, and for each firing the watermark it happened at.
// Only made when env.enableLineage() is on, so the plain operator's per-record loop never pays for lineage.
import { windowStart } from '../time/windows/window-assigner.ts';
import { WindowOperator, type Pane } from '../operators/window/window-operator.ts';
import { NULL_OUTPUT } from '../exec/operator.ts';
import { keyOf } from '../operators/key-of.ts';
import type { LineageStore, WindowLineage } from './lineage-store.ts';

export class LineageWindowOperator<C> extends WindowOperator<C> {
  private lineage: WindowLineage | null = null;
  private store: LineageStore | null = null;

  /** Attaches the lineage it writes to (right after construction). */
  withLineage(store: LineageStore, lineage: WindowLineage): this {
    this.store = store;
    this.lineage = lineage;
    return this;
  }

  protected override element(row: unknown, t: number): void {
    const a = this.settings.assigner;
    const lineage = this.lineage;
    const keyFn = this.settings.key;
    if (lineage === null || this.store === null || keyFn === null || a.kind === 'session' || !this.eventTime) {
      super.element(row, t);
      return;
    }
    const wm = this.current;
    const key = keyOf(keyFn, row);
    const base = { arrival: this.store.arrivalOf(row), eventTime: t, watermark: wm, record: row };
    const step = a.kind === 'sliding' ? a.slide : a.size;
    const starts: number[] = [];
    for (let start = windowStart(t, a.offset, step); start > t - a.size; start -= step) starts.push(start);
    const onTime = starts.filter((s) => !(s + a.size - 1 + this.lateness <= wm));
    const fate = this.ctx.side('late') === NULL_OUTPUT ? 'dropped' : 'late output';
    for (const s of starts) {
      const e = lineage.entry(key, s, s + a.size);
      if (onTime.includes(s)) e.contributed.push(base);
      else e.late.push({ ...base, fate: onTime.length === 0 ? fate : 'dropped' });
    }
    super.element(row, t);
  }

  protected override fire(key: unknown, pane: Pane<C>): void {
    super.fire(key, pane);
    if (this.lineage === null || this.settings.key === null) return;
    const wm = this.eventTime ? Math.max(this.current, this.firingTime) : this.current;
    this.lineage.entry(key, pane.start, pane.end).firings.push(wm);
  }
}
