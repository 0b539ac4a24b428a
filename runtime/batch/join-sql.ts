// Window joins and interval joins in SQL. A join's watermark is the minimum of its two inputs', so which
// elements it finds late depends on how the inputs interleave, which only the streaming engine's scheduling
// decides. When no element is behind its own input's watermark (for a window join: no window of it ended
// at or before that watermark; for an interval join: its timestamp is above it), no element can be late at
// the join whatever the interleaving, and the result is every pair: that is what the query computes, and it
// checks the condition while it runs (error() with LATE_JOIN_MARK, turned into a refusal by run-batch.ts).
import type { LogicalNode } from '../graph/node.ts';
import type { WindowAssigner } from '../time/windows/window-assigner.ts';
import { LambdaTranslator, parseFunction, Untranslatable, type Projection } from './lambda-sql.ts';
import { quoteIdent, type Schema } from './schema.ts';
import type { Compiler, Relation } from './compile.ts';
import { windowStartSql } from './window-start-sql.ts';

export const LATE_JOIN_MARK = 'rivulet: a join input has elements behind its own watermark';

interface JoinSpec {
  join: 'window' | 'interval';
  assigner?: WindowAssigner;
  lower?: number;
  upper?: number;
  apply?: Function;
}

export function joinStep(c: Compiler, node: LogicalNode, left: Relation, right: Relation): Relation {
  const spec = (node.spec ?? {}) as unknown as JoinSpec;
  if (spec.apply === undefined) throw new Untranslatable('join process functions are not translated (use apply with a translatable function)');
  if (!left.timed || !right.timed) throw new Untranslatable('both join inputs need timestamps');
  const { params, body } = parseFunction(spec.apply, 2);
  const t = new LambdaTranslator(params[0] as string, left.schema, 'l', { param: params[1] as string, schema: right.schema, alias: 'r' });
  const p = t.projection(body);
  const cols = projectionColumns(p);
  const schema = projectionSchema(p);
  if (spec.join === 'interval') {
    const check = `(SELECT CASE WHEN count(*) > 0 THEN error('${LATE_JOIN_MARK}') ELSE 0 END AS __ok FROM (SELECT __ts, __wm FROM ${left.cte} UNION ALL SELECT __ts, __wm FROM ${right.cte}) WHERE __ts <= __wm)`;
    const pairs =
      `SELECT ${cols}, l.__seq AS __ls, r.__seq AS __rs FROM ${left.cte} l JOIN ${right.cte} r ` +
      `ON l.__key = r.__key AND r.__ts >= l.__ts + ${spec.lower} AND r.__ts <= l.__ts + ${spec.upper} JOIN ${check} chk ON chk.__ok = 0`;
    return c.add(node, `SELECT * EXCLUDE (__ls, __rs), row_number() OVER (ORDER BY __ls, __rs) - 1 AS __seq FROM (${pairs})`, schema, false, false);
  }
  const a = spec.assigner as WindowAssigner;
  if (a.kind === 'session') throw new Untranslatable('session window joins are not translated (their merging depends on how the inputs interleave)');
  if (a.time !== 'event') throw new Untranslatable('processing-time windows depend on the wall clock');
  const step = a.kind === 'sliding' ? a.slide : a.size;
  const n = Math.ceil(a.size / step);
  const buckets = (r: Relation): string =>
    `(SELECT * FROM (SELECT i.*, ${windowStartSql('__ts', a.offset, step)} - k.range * ${step} AS __start ` +
    `FROM ${r.cte} i CROSS JOIN range(0, ${n}) k) WHERE __start > __ts - ${a.size})`;
  const check = `(SELECT CASE WHEN count(*) > 0 THEN error('${LATE_JOIN_MARK}') ELSE 0 END AS __ok FROM (SELECT __start, __wm FROM ${buckets(left)} UNION ALL SELECT __start, __wm FROM ${buckets(right)}) WHERE __start + ${a.size - 1} <= __wm)`;
  const pairs =
    `SELECT ${cols}, l.__start + ${a.size} AS __end, l.__seq AS __ls, r.__seq AS __rs FROM ${buckets(left)} l JOIN ${buckets(right)} r ` +
    `ON l.__key = r.__key AND l.__start = r.__start JOIN ${check} chk ON chk.__ok = 0`;
  return c.add(node, `SELECT * EXCLUDE (__end, __ls, __rs), row_number() OVER (ORDER BY __end, __ls, __rs) - 1 AS __seq FROM (${pairs})`, schema, false, false);
}

function projectionColumns(p: Projection): string {
  if (p.kind === 'value') return `${p.expr.sql} AS "value"`;
  return p.columns.map((x) => `${x.expr.sql} AS ${quoteIdent(x.name)}`).join(', ');
}

function projectionSchema(p: Projection): Schema {
  if (p.kind === 'value') return { columns: [{ name: 'value', path: ['value'], type: p.expr.type, optional: false }], scalar: true };
  return { columns: p.columns.map((x) => ({ name: x.name, path: x.name.split('.'), type: x.expr.type, optional: false })), scalar: false };
}
