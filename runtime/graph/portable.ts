// Portable functions: Rivulet's own helpers that close over arguments (a field selector, a built-in aggregate,
// a join key wrapper) cannot travel to a worker thread as source text. Each registers here how to make it
// again — a builtin name and its arguments — and the worker rebuilds it from that (exec/threads/builtins.ts).
// The DuckDB batch mode reads the same description to translate a field key or a built-in aggregate to SQL.
// A leaf module of the graph: the API and the operators import it without pulling in an executor.

export interface PortableRef {
  readonly builtin: string;
  readonly args: readonly unknown[];
}

const refs = new WeakMap<object, PortableRef>();

/** Marks `value` (a function or an object of functions) as rebuilt in a worker by `builtin(...args)`. */
export function portable<T extends object>(value: T, builtin: string, args: readonly unknown[] = []): T {
  refs.set(value, { builtin, args });
  return value;
}

/** How to rebuild `value` in a worker, when it was made by a Rivulet helper. */
export function portableRef(value: object): PortableRef | undefined {
  return refs.get(value);
}

/** What a node needs to be re-created in a worker: an operator recipe name and its arguments. */
export interface Recipe {
  readonly op: string;
  readonly args: readonly unknown[];
}
