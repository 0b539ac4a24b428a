// A shallow copy of a row, so that state a user function may mutate in place (Flink reducers often do
// `a.f1 += b.f1; return a`) is never a row that was emitted or read from a source.

export function privateCopy<T>(row: T): T {
  if (Array.isArray(row)) return row.slice() as T;
  if (typeof row === 'object' && row !== null && Object.getPrototypeOf(row) === Object.prototype) return { ...row };
  return row;
}
