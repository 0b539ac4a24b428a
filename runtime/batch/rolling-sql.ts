// Rolling (non-window) keyed aggregates in SQL: their final contents, one row { key, ...aggregates } per key
// over all its rows, in the order keys first appeared (as collect() keeps a changelog's rows).
import type { LogicalNode } from '../graph/node.ts';
import { aggregateColumns } from './aggregate-sql.ts';
import { Untranslatable } from './lambda-sql.ts';
import { quoteIdent, type Schema } from './schema.ts';
import type { Compiler, Relation } from './compile.ts';

export function rollingStep(c: Compiler, node: LogicalNode, input: Relation): Relation {
  const spec = (node.spec ?? {}) as { aggregates?: Record<string, unknown> };
  if (spec.aggregates === undefined) throw new Untranslatable('only rolling aggregates with the built-in agg.* are translated');
  if (!input.keyed) throw new Untranslatable('the rolling aggregate has no key');
  const aggs = aggregateColumns(spec.aggregates, input.schema);
  const cols = ['__key AS "key"', ...aggs.map((x) => `${x.sql} AS ${quoteIdent(x.name)}`), 'min(__seq) AS __seq'];
  const schema: Schema = {
    columns: [
      { name: 'key', path: ['key'], type: input.keyType ?? 'null', optional: false },
      ...aggs.map((x) => ({ name: x.name, path: [x.name], type: x.type, optional: false })),
    ],
    scalar: false,
  };
  return c.add(node, `SELECT ${cols.join(', ')} FROM ${input.cte} GROUP BY __key`, schema, false, false);
}
