// The window join (Flink's a.join(b).where(ka).equalTo(kb).window(w).apply(f)): the window operator over both
// tagged inputs, keyed by the join key, keeping per window and key the elements of each side; when the window
// fires it emits f(left, right) for every pair (every left element with every right one, left-major, as
// Flink's JoinCoGroupFunction). Late elements (late for every window) go to the window's "late" output,
// tagged with their side.
import type { Collector } from '../flat-map.ts';
import type { WindowContents, WindowInfo } from '../window/window-contents.ts';
import { userFunctionFailed } from '../user-function-error.ts';
import type { Tagged } from './join-tag.ts';
import { portable } from '../../graph/portable.ts';

export interface WindowJoinContext<K = any> {
  readonly key: K;
  readonly window: WindowInfo;
}

/** Flink's JoinFunction: one row per pair. */
export type JoinFunction<L, R, O> = (left: L, right: R) => O;
/** Flink's FlatJoinFunction with the window in context: any number of rows per pair. */
export type ProcessWindowJoinFunction<L, R, O, K = any> = (left: L, right: R, ctx: WindowJoinContext<K>, out: Collector<O>) => void;

export interface JoinPane {
  left: unknown[];
  right: unknown[];
}

export function windowJoinContents(fn: ProcessWindowJoinFunction<unknown, unknown, unknown>): WindowContents<JoinPane> {
  return {
    create: () => ({ left: [], right: [] }),
    add: (pane, tagged) => {
      const t = tagged as Tagged<unknown, unknown>;
      (t.side === 'left' ? pane.left : pane.right).push(t.row);
      return pane;
    },
    merge: (a, b) => ({ left: a.left.concat(b.left), right: a.right.concat(b.right) }),
    results: (key, window, pane) => {
      const rows: unknown[] = [];
      if (pane.left.length === 0 || pane.right.length === 0) return rows;
      const ctx: WindowJoinContext = { key, window };
      const out: Collector<unknown> = { collect: (r) => rows.push(r) };
      for (const l of pane.left) {
        for (const r of pane.right) {
          try {
            fn(l, r, ctx, out);
          } catch (e) {
            throw userFunctionFailed('join', { left: l, right: r }, e);
          }
        }
      }
      return rows;
    },
  };
}

/** A JoinFunction as a process function: one row per pair. */
export function applyAsProcess<L, R, O>(f: JoinFunction<L, R, O>): ProcessWindowJoinFunction<L, R, O> {
  return portable<ProcessWindowJoinFunction<L, R, O>>((l, r, _ctx, out) => out.collect(f(l, r)), 'applyAsProcess', [f]);
}
