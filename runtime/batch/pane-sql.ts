// Sliding windows aggregated by pane: rows are first aggregated per key and pane (the gcd of size and
// slide), then each pane's partial results are combined into the size / slide windows that hold it, as the
// streaming engine's window slicing does. A row then costs one group update instead of one per window. Only
// exact rewrites are made: on-time input (no row can be late, so no per-row lateness rule), and aggregates
// whose partials combine into exactly the per-row result (count, min, max, and sum and avg over integers,
// whose sums are exact in any order). Anything else keeps the per-row bucket expansion.
import type { WindowAssigner } from '../time/windows/window-assigner.ts';
import { builtinInfo } from '../operators/aggregates/builtins.ts';
import { fieldExpr } from './aggregate-sql.ts';
import { quoteIdent, type Schema } from './schema.ts';
import type { Relation } from './compile.ts';
import { windowStartSql } from './window-start-sql.ts';

interface PaneAggregate {
  /** Partial aggregates over the rows of a pane, each `expr AS name`. */
  partials: string[];
  /** The window's value from the panes' partials. */
  combine: string;
}

export interface PanePlan {
  /** The CTE body aggregating rows per (key,) pane. */
  panes: string;
  /** The window rows from the panes CTE named `from`: key?, windowStart, windowEnd, aggregates, __first. */
  windows: (from: string) => string;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function paneAggregate(name: string, f: unknown, schema: Schema, at: number): PaneAggregate | undefined {
  const info = typeof f === 'object' && f !== null ? builtinInfo(f) : undefined;
  if (info === undefined) return undefined;
  const p = `__p${at}`;
  if (info.kind === 'count') return { partials: [`count(*) AS ${p}`], combine: `sum(${p})::DOUBLE` };
  if (info.kind !== 'min' && info.kind !== 'max' && info.kind !== 'sum' && info.kind !== 'avg') return undefined;
  let x: { sql: string; type: string };
  try {
    x = fieldExpr(name, info.kind, info.field, schema);
  } catch {
    return undefined;
  }
  if (x.type !== 'number') return undefined;
  if (info.kind === 'min' || info.kind === 'max') return { partials: [`${info.kind}(${x.sql}) AS ${p}`], combine: `${info.kind}(${p})` };
  const integral = schema.columns.some((c) => c.integral === true && quoteIdent(c.name) === x.sql);
  if (!integral) return undefined;
  if (info.kind === 'sum') return { partials: [`sum(${x.sql}) AS ${p}`], combine: `sum(${p})` };
  return { partials: [`sum(${x.sql}) AS ${p}s`, `count(*) AS ${p}n`], combine: `(sum(${p}s) / sum(${p}n))` };
}

/** The pane plan of a sliding window over `input`, or undefined when the rewrite would not be exact. */
export function panePlan(assigner: WindowAssigner, aggregates: Record<string, unknown>, input: Relation, keyed: boolean): PanePlan | undefined {
  if (assigner.kind !== 'sliding' || input.onTime !== true) return undefined;
  const { size, slide, offset } = assigner;
  if (!Number.isInteger(size) || !Number.isInteger(slide) || !Number.isInteger(offset) || slide >= size) return undefined;
  const parts: { name: string; agg: PaneAggregate }[] = [];
  for (const [i, [name, f]] of Object.entries(aggregates).entries()) {
    const agg = paneAggregate(name, f, input.schema, i);
    if (agg === undefined) return undefined;
    parts.push({ name, agg });
  }
  const width = gcd(size, slide);
  const floor = (x: string, step: number): string => windowStartSql(x, offset, step);
  const key = keyed ? '__key, ' : '';
  const panes = `SELECT ${key}${floor('__ts', width)} AS __pane, ${parts.flatMap((x) => x.agg.partials).join(', ')}, min(__seq) AS __pfirst FROM ${input.cte} GROUP BY ${key}__pane`;
  // A pane belongs to the windows starting at its last window start and every slide before it, while the
  // window still reaches past the pane's start (start > pane - size; starts and panes are multiples of width).
  const n = Math.ceil(size / slide);
  const windows = (from: string): string =>
    `SELECT ${keyed ? '__key AS "key", ' : ''}__start AS "windowStart", __start + ${size} AS "windowEnd", ` +
    `${parts.map((x) => `${x.agg.combine} AS ${quoteIdent(x.name)}`).join(', ')}, min(__pfirst) AS __first ` +
    `FROM (SELECT p.*, ${floor('__pane', slide)} - k.range * ${slide} AS __start FROM ${from} p CROSS JOIN range(0, ${n}) k) ` +
    `WHERE __start > __pane - ${size} GROUP BY ${key}__start`;
  return { panes, windows };
}
