// The Rivulet helpers a worker can rebuild by name (see graph/portable.ts): field selectors, built-in aggregates,
// the join taggers and key wrappers, the rolling sum/min/max shorthands. Each entry takes the decoded
// arguments that were registered with the helper on the main thread.
import { agg } from '../../operators/aggregates/builtins.ts';
import { tagLeft, tagRight, taggedKey, type Tagged } from '../../operators/join/join-tag.ts';
import { applyAsProcess, type JoinFunction } from '../../operators/join/window-join.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';

type Fn = (...a: any[]) => any;
type Builtin = (...args: any[]) => unknown;

const aggregates = agg as unknown as Record<string, Builtin>;

export const builtins: Record<string, Builtin> = {
  field: (name: string | number) => (row: any) => (row == null ? undefined : row[name]),
  timestampField: (name: string) => (row: any) => row[name],
  combineField: (field: string | number, op: (a: number, b: number) => number) => (a: any, b: any) => {
    const next = Array.isArray(a) ? a.slice() : { ...a };
    next[field] = op(a[field], b[field]);
    return next;
  },
  pickBy: (field: string | number, better: (a: unknown, b: unknown) => boolean) => (a: any, b: any) => (better(a[field], b[field]) ? b : a),
  tagLeft: () => tagLeft,
  tagRight: () => tagRight,
  taggedKey: (left: Fn, right: Fn) => taggedKey(left, right),
  taggedRowKey: (key: Fn) => (t: Tagged<unknown, unknown>) => key(t.row),
  applyAsProcess: (f: JoinFunction<unknown, unknown, unknown>) => applyAsProcess(f),
  intervalApply: (g: Fn) => (l: unknown, r: unknown, _ctx: unknown, out: { collect(v: unknown): void }) => out.collect(g(l, r)),
};
for (const name of Object.keys(aggregates)) builtins[`agg.${name}`] = (...args) => (aggregates[name] as Builtin)(...args);

export function builtin(name: string): Builtin {
  const b = builtins[name];
  if (b === undefined) throw new RivuletError('THREADS_UNSUPPORTED', { what: `The Rivulet helper "${name}"` });
  return b;
}
