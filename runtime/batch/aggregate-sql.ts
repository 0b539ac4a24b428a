// The built-in aggregates (agg.count/sum/min/max/avg/first/last/countDistinct/collect) as DuckDB aggregate
// expressions with the streaming engine's results: first/last by arrival order, avg as sum / count, collect
// in arrival order. Custom AggregateFunctions and agg.distinct are refused.
import { builtinInfo } from '../operators/aggregates/builtins.ts';
import { LambdaTranslator, parseLambda, Untranslatable, type Expr } from './lambda-sql.ts';
import { quoteIdent, type ColumnType, type Schema } from './schema.ts';

export interface AggregateColumn {
  name: string;
  sql: string;
  type: ColumnType;
}

/** One SQL aggregate expression per named aggregate of `spec`, over rows of `schema`. */
export function aggregateColumns(spec: Record<string, unknown>, schema: Schema): AggregateColumn[] {
  return Object.entries(spec).map(([name, f]) => ({ name, ...aggregateSql(name, f, schema) }));
}

function aggregateSql(name: string, f: unknown, schema: Schema): { sql: string; type: ColumnType } {
  const info = typeof f === 'object' && f !== null ? builtinInfo(f) : undefined;
  const sql = aggregateExpr(name, f, schema);
  const kind = info?.kind;
  if (kind === 'collect') return { sql, type: 'list' };
  if (kind === 'first' || kind === 'last') return { sql, type: fieldExpr(name, kind, info?.field, schema).type };
  return { sql, type: 'number' };
}

function aggregateExpr(name: string, f: unknown, schema: Schema): string {
  const info = typeof f === 'object' && f !== null ? builtinInfo(f) : undefined;
  if (info === undefined) throw new Untranslatable(`aggregate "${name}" is a custom AggregateFunction (only the built-in agg.* are translated)`);
  if (info.kind === 'count') return 'count(*)::DOUBLE';
  if (info.kind === 'collect' && info.field === undefined) {
    if (!schema.scalar) throw new Untranslatable(`aggregate "${name}": agg.collect() of whole rows is not translated (give a field)`);
    return 'list("value" ORDER BY __seq)';
  }
  const x = fieldExpr(name, info.kind, info.field, schema);
  const numeric = (): string => {
    if (x.type !== 'number') throw new Untranslatable(`aggregate "${name}": agg.${info.kind} is translated over numbers only`);
    return x.sql;
  };
  // JavaScript adds in arrival order; floating-point sums depend on the order, so they are summed in arrival
  // order unless every value is an integer (then any order gives the same exact sum).
  const integral = schema.columns.some((c) => c.integral === true && quoteIdent(c.name) === x.sql);
  const total = (): string => (integral ? `sum(${numeric()})` : `sum(${numeric()} ORDER BY __seq)`);
  switch (info.kind) {
    case 'sum':
      return total();
    case 'min':
      return `min(${numeric()})`;
    case 'max':
      return `max(${numeric()})`;
    case 'avg':
      return `(${total()} / count(*))`;
    case 'first':
      return `arg_min_null(${x.sql}, __seq)`;
    case 'last':
      return `arg_max_null(${x.sql}, __seq)`;
    case 'countDistinct':
      return `count(DISTINCT ${x.sql})::DOUBLE`;
    case 'collect':
      return `list(${x.sql} ORDER BY __seq)`;
    default:
      throw new Untranslatable(`aggregate "${name}": agg.${info.kind} is not translated`);
  }
}

export function fieldExpr(name: string, kind: string, field: unknown, schema: Schema): Expr {
  if (typeof field === 'string') {
    const c = schema.columns.find((col) => col.name === field);
    if (c === undefined || schema.scalar) throw new Untranslatable(`aggregate "${name}": the rows have no field "${field}"`);
    return { sql: quoteIdent(field), type: c.type };
  }
  if (typeof field === 'function') {
    try {
      const { param, body } = parseLambda(field);
      if (schema.scalar && body.type === 'Identifier' && body.name === param) return { sql: '"value"', type: schema.columns[0]?.type ?? 'null' };
      return new LambdaTranslator(param, schema).expr(body);
    } catch (e) {
      if (e instanceof Untranslatable) throw new Untranslatable(`aggregate "${name}" (agg.${kind} of ${field.toString()}): ${e.message}`);
      throw e;
    }
  }
  throw new Untranslatable(`aggregate "${name}": agg.${kind} of a tuple position is not translated`);
}
