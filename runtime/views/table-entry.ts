// One key's entry in a view's table (changelog-table.ts): the row shown, older live versions when changes
// came out of order or rows repeat, and retractions that arrived before the row they retract. Rows match
// a retraction when they are the same object, or else have the same content.

export interface Entry {
  /** The key's row that is shown (its latest live version), or NONE. */
  row: unknown;
  /** Older live versions, when changes came out of order (or equal rows of a multiset); usually null. */
  older: unknown[] | null;
  /** Retractions that came before the row they retract. */
  owed: unknown[] | null;
  /** Removed from the index; skipped in `order` until it is compacted. */
  dead: boolean;
}

export const NONE: unique symbol = Symbol('no row');

export const liveCount = (e: Entry): number => (e.row === NONE ? 0 : 1) + (e.older?.length ?? 0);
export const liveRows = (e: Entry): unknown[] => (e.row === NONE ? [] : e.older === null ? [e.row] : [...e.older, e.row]);

export function addLive(e: Entry, row: unknown): void {
  if (e.row !== NONE) (e.older ??= []).push(e.row);
  e.row = row;
}

/** Removes a live version equal to `row` (the same object first, else the same content). */
export function takeLive(e: Entry, row: unknown): boolean {
  const older = e.older;
  if (e.row !== NONE && e.row === row) return dropShown(e);
  if (older !== null) {
    const i = older.indexOf(row);
    if (i >= 0) return removeAt(e, i);
  }
  if (e.row === NONE && older === null) return false;
  const c = contentOf(row);
  if (older !== null) {
    const i = older.findIndex((x) => contentOf(x) === c);
    if (i >= 0) return removeAt(e, i);
  }
  return e.row !== NONE && contentOf(e.row) === c ? dropShown(e) : false;
}

function dropShown(e: Entry): true {
  const older = e.older;
  if (older === null) e.row = NONE;
  else {
    e.row = older.pop();
    if (older.length === 0) e.older = null;
  }
  return true;
}

function removeAt(e: Entry, i: number): true {
  const older = e.older as unknown[];
  older.splice(i, 1);
  if (older.length === 0) e.older = null;
  return true;
}

/** Removes the first row of `list` equal to `row` (the same object, or the same content). */
export function take(list: unknown[], row: unknown): boolean {
  let i = list.indexOf(row);
  if (i < 0) {
    const c = contentOf(row);
    i = list.findIndex((x) => contentOf(x) === c);
    if (i < 0) return false;
  }
  for (; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length--;
  return true;
}

export function contentOf(row: unknown): string {
  if (typeof row === 'string') return 's' + row;
  return 'j' + JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
