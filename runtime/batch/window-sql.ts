// Event-time windows in SQL with exactly the streaming engine's lateness rule. Tumbling and sliding windows
// expand each row into the buckets it belongs to (Flink's window starts), and keep a bucket when
// maxTimestamp + allowedLateness > the watermark at the row's arrival (a late row within the allowed
// lateness updates its window, so the final contents are every kept row). A row kept by no bucket is late
// (lateOutput()). Sliding windows over on-time rows are aggregated by pane first when that is exact
// (pane-sql.ts). Results are ordered as windows first fire: by window end, then by arrival of the pane's
// first row. Session windows are refused (their merging under lateness is sequential).
import type { LogicalNode } from '../graph/node.ts';
import type { WindowAssigner } from '../time/windows/window-assigner.ts';
import { aggregateColumns, type AggregateColumn } from './aggregate-sql.ts';
import { panePlan } from './pane-sql.ts';
import { windowStartSql } from './window-start-sql.ts';
import { Untranslatable } from './lambda-sql.ts';
import { quoteIdent, type Column, type Schema } from './schema.ts';
import type { Compiler, Relation } from './compile.ts';
import { sessionMembersCte } from './session-sql.ts';

interface WindowSpec {
  assigner: WindowAssigner;
  allowedLateness: number;
  keyed: boolean;
  aggregates?: Record<string, unknown>;
}

function specOf(node: LogicalNode): WindowSpec {
  const spec = (node.spec ?? {}) as unknown as WindowSpec & { reduce?: unknown };
  if (spec.reduce !== undefined) throw new Untranslatable('window reduce with a function is not translated (use the built-in aggregates)');
  if (spec.aggregates === undefined) throw new Untranslatable('window process functions are not translated (use the built-in aggregates)');
  if (spec.assigner.time !== 'event') throw new Untranslatable('processing-time windows depend on the wall clock');
  return spec;
}

/** The CTE of the rows expanded into the buckets they are kept in (column __start). */
function bucketsCte(c: Compiler, node: LogicalNode, input: Relation, spec: WindowSpec): string {
  const a = spec.assigner;
  if (a.kind === 'session') throw new Untranslatable('session windows are not translated yet');
  if (!input.timed) throw new Untranslatable('the input has no timestamps (call withWatermarks first)');
  const size = a.size;
  const step = a.kind === 'sliding' ? a.slide : a.size;
  // Starts last, last - step, ... above ts - size, with last in (ts - step, ts]: fewer than size / step + 1.
  const n = Math.ceil(size / step);
  const last = windowStartSql('__ts', a.offset, step);
  const name = `n${node.id}_buckets`;
  const expanded =
    `SELECT * FROM (SELECT i.*, ${last} - k.range * ${step} AS __start FROM ${input.cte} i CROSS JOIN range(0, ${n}) k) ` +
    `WHERE __start > __ts - ${size}` +
    // A row on time (ts above its watermark) is late for none of its windows: maxTimestamp >= ts > watermark.
    (input.onTime === true ? '' : ` AND __start + ${size - 1 + spec.allowedLateness} > __wm`);
  if (!c.ctes.some((x) => x.startsWith(`${name} AS`))) c.ctes.push(`${name} AS (${expanded})`);
  return name;
}

/** The rows with the window each is in: columns of the input plus __start and __end (and __sid for sessions). */
function assignedRows(c: Compiler, node: LogicalNode, input: Relation, spec: WindowSpec): { from: string; group: string } {
  const a = spec.assigner;
  if (!input.timed) throw new Untranslatable('the input has no timestamps (call withWatermarks first)');
  if (a.kind === 'session') {
    const { members } = sessionMembersCte(c, node, input, a.gap, spec.allowedLateness);
    return { from: `(SELECT i.*, m.__start, m.__end, m.__sid FROM ${input.cte} i JOIN ${members} m USING (__seq))`, group: '__sid, __start, __end' };
  }
  const buckets = bucketsCte(c, node, input, spec);
  return { from: `(SELECT *, __start + ${a.size} AS __end FROM ${buckets})`, group: '__start' };
}

export function windowStep(c: Compiler, node: LogicalNode, input: Relation): Relation {
  const spec = specOf(node);
  if (spec.keyed && !input.keyed) throw new Untranslatable('the keyed window has no key');
  const aggs = aggregateColumns(spec.aggregates as Record<string, unknown>, input.schema);
  const grouped = panedWindows(c, node, input, spec) ?? perRowWindows(c, node, input, spec, aggs);
  const select = `SELECT * EXCLUDE (__first), row_number() OVER (ORDER BY "windowEnd", __first) - 1 AS __seq FROM (${grouped})`;
  const column = (name: string, type: Column['type']): Column => ({ name, path: [name], type, optional: false });
  const schema: Schema = {
    columns: [
      ...(spec.keyed ? [column('key', input.keyType ?? 'null')] : []),
      column('windowStart', 'number'),
      column('windowEnd', 'number'),
      ...aggs.map((x) => column(x.name, x.type)),
    ],
    scalar: false,
  };
  return c.add(node, select, schema, false, false);
}

/** The windows from the rows expanded into every bucket that keeps them. */
function perRowWindows(c: Compiler, node: LogicalNode, input: Relation, spec: WindowSpec, aggs: AggregateColumn[]): string {
  const rows = assignedRows(c, node, input, spec);
  const group = spec.keyed ? `__key, ${rows.group}` : rows.group;
  const cols = [
    ...(spec.keyed ? ['__key AS "key"'] : []),
    '__start AS "windowStart"',
    `${rows.group === '__start' ? 'any_value(__end)' : '__end'} AS "windowEnd"`,
    ...aggs.map((x) => `${x.sql} AS ${quoteIdent(x.name)}`),
  ];
  return `SELECT ${cols.join(', ')}, min(__seq) AS __first FROM ${rows.from} GROUP BY ${group}`;
}

/** The windows combined from per-pane partial aggregates, when that gives exactly the same rows. */
function panedWindows(c: Compiler, node: LogicalNode, input: Relation, spec: WindowSpec): string | undefined {
  if (!input.timed) return undefined;
  const plan = panePlan(spec.assigner, spec.aggregates as Record<string, unknown>, input, spec.keyed);
  if (plan === undefined) return undefined;
  const name = `n${node.id}_panes`;
  c.ctes.push(`${name} AS (${plan.panes})`);
  return plan.windows(name);
}

/** The rows of the window's input that no window kept: the late-data side output, in arrival order. */
export function lateStep(c: Compiler, node: LogicalNode, windowNode: LogicalNode): Relation {
  const spec = specOf(windowNode);
  const input = c.relation(windowNode.inputs[0] as LogicalNode);
  const a = spec.assigner;
  const kept = a.kind === 'session' ? null : bucketsCte(c, windowNode, input, spec);
  const select =
    kept === null
      ? `SELECT * FROM ${input.cte} WHERE __seq IN (SELECT __seq FROM ${sessionMembersCte(c, windowNode, input, a.kind === 'session' ? a.gap : 0, spec.allowedLateness).late})`
      : `SELECT * FROM ${input.cte} WHERE __seq NOT IN (SELECT __seq FROM ${kept})`;
  return c.add(node, select, input.schema, input.timed, false);
}

