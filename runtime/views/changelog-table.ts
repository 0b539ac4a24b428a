// A changelog materialized as rows, the state behind a view. Three ways to hold it, chosen at the first row:
// - keyed (a primary key is given or inferred): one row per key, in the order keys were first inserted.
//   +I/+U insert or update the key's row in place, -U/-D retract it. A retraction that comes before the
//   row it retracts (changes of one key travelling through different partitions) is remembered and cancels
//   that row when it arrives, so the order in which partitions deliver does not change the result. An
//   append-only stream with a key is an upsert stream: a new row for a key replaces the old one.
// - by content (a changelog without a key): a multiset of rows, -U/-D remove an equal row (or are owed).
// - append (an append-only stream without a key): the last `maxRows` rows. The batches themselves are kept
//   (receivers never mutate them), so the cost per batch does not depend on its size.
import type { Batch, RowKind } from '../exec/batch.ts';
import { primaryKey, inferKeyFields, type KeyOption, type PrimaryKey } from './primary-key.ts';
import { KeyIndex } from './key-index.ts';
import { NONE, addLive, contentOf, liveCount, liveRows, take, takeLive, type Entry } from './table-entry.ts';

export interface ChangelogTableOptions {
  /** The primary key (fields or a function); inferred from the first row when undefined. */
  readonly key: KeyOption | undefined;
  /** The stream may retract rows (its node is a changelog). */
  readonly changelog: boolean;
  /** Most rows kept: the last rows of an append view (default 1000); keyed views drop the oldest keys. */
  readonly maxRows: number | undefined;
}

export type TableMode = 'undecided' | 'append' | 'keyed' | 'content';

/** The state of a table as plain data (what a view's snapshot holds). */
export interface TableState {
  readonly mode: TableMode;
  readonly fields: readonly string[] | null;
  /** Append mode: the rows kept. */
  readonly rows: unknown[];
  /** Keyed and content modes: per key, in insertion order, its live rows (oldest first) and the retractions it is owed. */
  readonly entries: [unknown[], unknown[] | null][];
}

export const DEFAULT_APPEND_ROWS = 1000;

export class ChangelogTable {
  private mode: TableMode = 'undecided';
  private pk: PrimaryKey | null = null;
  private readonly upsert: boolean;
  private maxRows: number;
  // append mode
  private chunks: unknown[][] = [];
  private chunkRows = 0;
  // keyed and content modes: entries by key, and in the order their keys were first inserted
  private index: KeyIndex<Entry> | null = null;
  private order: Entry[] = [];
  private dead = 0;
  private visible = 0;
  /** Rows applied so far (a cheap way to tell that something changed). */
  changes = 0;

  constructor(private readonly options: ChangelogTableOptions) {
    this.upsert = !options.changelog;
    this.maxRows = options.maxRows ?? Infinity;
  }

  get kind(): TableMode {
    return this.mode;
  }

  /** The key fields in use (given or inferred), or null (no key, or a key function). */
  get keyFields(): readonly string[] | null {
    return this.mode === 'keyed' ? (this.pk?.fields ?? null) : null;
  }

  /** Rows in the table now. */
  get size(): number {
    if (this.mode === 'append') return Math.min(this.chunkRows, this.maxRows);
    return this.visible;
  }

  apply(b: Batch): void {
    const rows = b.rows;
    const n = rows.length;
    if (n === 0) return;
    if (this.mode === 'undecided') this.decide(rows[0]);
    this.changes += n;
    const ops = b.ops;
    if (this.mode === 'append') {
      if (ops === null) {
        this.append(rows);
        return;
      }
      this.appendToContent();
    }
    const index = this.index as KeyIndex<Entry>;
    const same = (this.pk as PrimaryKey).same;
    if (ops === null) {
      for (let i = 0; i < n; i++) this.insert(rows[i]);
      return;
    }
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const op = ops[i] as RowKind;
      if (op === '+I' || op === '+U') {
        this.insert(row);
        continue;
      }
      // The common update: -U of the key's shown row, then +U of its new row. Replace it in place.
      if (op === '-U' && i + 1 < n && ops[i + 1] === '+U') {
        const next = rows[i + 1];
        const e = index.get(row);
        if (e !== undefined && e.row === row && e.owed === null && same(row, next)) {
          e.row = next;
          i++;
          continue;
        }
      }
      this.retract(row, op === '-D');
    }
  }

  /** The rows, in the order their keys were first inserted (append: oldest kept row first). */
  rows(): unknown[] {
    const out: unknown[] = [];
    if (this.mode === 'append') {
      for (const c of this.chunks) for (let i = 0; i < c.length; i++) out.push(c[i]);
      return out.length > this.maxRows ? out.slice(out.length - this.maxRows) : out;
    }
    const all = this.mode === 'content';
    for (const e of this.order) {
      if (e.dead || e.row === NONE) continue;
      if (all && e.older !== null) for (const x of e.older) out.push(x);
      out.push(e.row);
    }
    return out;
  }

  clear(): void {
    this.mode = 'undecided';
    this.maxRows = this.options.maxRows ?? Infinity;
    this.pk = null;
    this.chunks = [];
    this.chunkRows = 0;
    this.index = null;
    this.order = [];
    this.dead = 0;
    this.visible = 0;
    this.changes = 0;
  }

  snapshot(): TableState {
    const entries: TableState['entries'] = [];
    for (const e of this.order) if (!e.dead) entries.push([liveRows(e), e.owed === null ? null : [...e.owed]]);
    return { mode: this.mode, fields: this.pk?.fields ?? null, rows: this.mode === 'append' ? this.rows() : [], entries };
  }

  restore(s: TableState): void {
    this.clear();
    if (s.mode === 'append') {
      this.mode = 'append';
      this.maxRows = this.options.maxRows ?? DEFAULT_APPEND_ROWS;
      this.chunks = s.rows.length > 0 ? [s.rows] : [];
      this.chunkRows = s.rows.length;
    } else if (s.mode !== 'undecided') {
      this.use(s.mode, s.mode === 'content' ? contentKeyOf() : (primaryKey(this.options.key, s.fields) as PrimaryKey));
      const index = this.index as KeyIndex<Entry>;
      for (const [rows, owed] of s.entries) {
        const e: Entry = { row: NONE, older: null, owed, dead: false };
        for (const r of rows) addLive(e, r);
        index.set(rows[0] ?? owed?.[0], e);
        this.order.push(e);
        this.visible += s.mode === 'content' ? rows.length : rows.length > 0 ? 1 : 0;
      }
    }
  }

  private use(mode: 'keyed' | 'content', pk: PrimaryKey): void {
    this.mode = mode;
    this.pk = pk;
    this.index = new KeyIndex<Entry>(pk);
  }

  private decide(first: unknown): void {
    const key = primaryKey(this.options.key, this.options.key === undefined ? inferKeyFields(first) : null);
    if (key !== null) this.use('keyed', key);
    else if (this.options.changelog) this.use('content', contentKeyOf());
    else {
      this.mode = 'append';
      this.maxRows = this.options.maxRows ?? DEFAULT_APPEND_ROWS;
    }
  }

  private append(rows: unknown[]): void {
    this.chunks.push(rows);
    this.chunkRows += rows.length;
    while (this.chunkRows - (this.chunks[0] as unknown[]).length >= this.maxRows) {
      this.chunkRows -= (this.chunks.shift() as unknown[]).length;
    }
  }

  /** An "append-only" stream sent a retraction after all: hold its rows as a multiset from now on. */
  private appendToContent(): void {
    const kept = this.rows();
    this.maxRows = this.options.maxRows ?? Infinity;
    this.chunks = [];
    this.chunkRows = 0;
    this.use('content', contentKeyOf());
    for (const r of kept) this.insert(r);
  }

  private insert(row: unknown): void {
    const index = this.index as KeyIndex<Entry>;
    const e = index.get(row);
    if (e === undefined) {
      const created: Entry = { row, older: null, owed: null, dead: false };
      index.set(row, created);
      this.order.push(created);
      this.added();
      return;
    }
    if (e.owed !== null && take(e.owed, row)) {
      if (e.owed.length === 0) e.owed = null;
      if (e.row === NONE && e.owed === null) this.drop(e, row);
      return;
    }
    if (e.row === NONE) {
      e.row = row;
      this.added();
    } else if (this.upsert && this.mode === 'keyed') {
      e.row = row;
    } else {
      addLive(e, row);
      if (this.mode === 'content') this.added();
    }
  }

  private retract(row: unknown, deletion: boolean): void {
    const index = this.index as KeyIndex<Entry>;
    const e = index.get(row);
    if (e === undefined) {
      const created: Entry = { row: NONE, older: null, owed: [row], dead: false };
      index.set(row, created);
      this.order.push(created);
      return;
    }
    if (takeLive(e, row)) {
      if (this.mode === 'content' || e.row === NONE) this.visible--;
      // After -U a keyed entry waits for its +U, keeping the key's place; otherwise an empty entry goes.
      if ((deletion || this.mode === 'content') && e.row === NONE && e.owed === null) this.drop(e, row);
      return;
    }
    (e.owed ??= []).push(row);
  }

  private added(): void {
    this.visible++;
    if (this.visible > this.maxRows) this.evictOldest();
  }

  private evictOldest(): void {
    for (const e of this.order) {
      if (e.dead || e.row === NONE) continue;
      this.visible -= this.mode === 'content' ? liveCount(e) : 1;
      this.drop(e, e.row);
      return;
    }
  }

  /** Removes an entry (found by `row`, a row of its key) from the index; `order` forgets it lazily. */
  private drop(e: Entry, row: unknown): void {
    (this.index as KeyIndex<Entry>).delete(row);
    e.dead = true;
    if (++this.dead > 64 && this.dead * 2 > this.order.length) {
      this.order = this.order.filter((x) => !x.dead);
      this.dead = 0;
    }
  }
}

function contentKeyOf(): PrimaryKey {
  return { fields: null, of: contentOf, same: (a, b) => contentOf(a) === contentOf(b) };
}
