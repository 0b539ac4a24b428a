// What collect() returns: the final contents of a stream. An append-only stream keeps every row in arrival
// order. A changelog is applied as it arrives: +I adds a row, -U/-D remove a row equal to the one given, and
// the +U that follows a -U takes the place of the row it replaces, so rows stay in the order they were first
// inserted. With `keepChanges`, every change is kept instead.
import type { Batch, RowKind } from '../exec/batch.ts';

interface Slot {
  row: unknown;
  live: boolean;
}

export class CollectBuffer {
  private readonly slots: Slot[] = [];
  private readonly byContent = new Map<string, Slot[]>();
  private readonly vacated: Slot[] = [];

  /** `changelog`: the stream may retract rows, so rows are indexed by content as they arrive. */
  constructor(private readonly changelog: boolean) {}

  add(b: Batch): void {
    const rows = b.rows;
    const ops = b.ops;
    if (ops === null && !this.changelog) {
      for (let i = 0; i < rows.length; i++) this.insert(rows[i]);
      return;
    }
    for (let i = 0; i < rows.length; i++) this.apply(rows[i], ops === null ? '+I' : (ops[i] as RowKind));
  }

  rows(): unknown[] {
    const out: unknown[] = [];
    for (const s of this.slots) if (s.live) out.push(s.row);
    return out;
  }

  private insert(row: unknown): void {
    this.slots.push({ row, live: true });
  }

  private apply(row: unknown, op: RowKind): void {
    if (op === '-U' || op === '-D') {
      const slot = this.take(row);
      if (slot !== undefined && op === '-U') this.vacated.push(slot);
      return;
    }
    const slot = op === '+U' ? this.vacated.shift() : undefined;
    const target = slot ?? { row, live: true };
    target.row = row;
    target.live = true;
    if (slot === undefined) this.slots.push(target);
    this.index(target);
  }

  /** Removes (marks dead) a live row equal to `row`. */
  private take(row: unknown): Slot | undefined {
    const list = this.byContent.get(contentKey(row));
    const slot = list?.shift();
    if (slot !== undefined) slot.live = false;
    return slot;
  }

  private index(s: Slot): void {
    const k = contentKey(s.row);
    const list = this.byContent.get(k);
    if (list === undefined) this.byContent.set(k, [s]);
    else list.push(s);
  }
}

function contentKey(row: unknown): string {
  return typeof row === 'string' ? 's' + row : 'j' + JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
