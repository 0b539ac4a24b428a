// Compiles the logical graph behind a stream into ONE DuckDB query: each node becomes a common table
// expression over its input's. Every row carries its arrival order (__seq); after withWatermarks it carries
// its event time (__ts) and the watermark at its arrival (__wm, as the streaming engine advances it after
// every record); after keyBy its key (__key). Steps that cannot be translated throw an Untranslatable
// naming the reason; compileStream turns it into a RivuletError naming the step.
import type { LogicalNode } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { DeadLetterItem } from '../connectors/files/dead-letter.ts';
import { LambdaTranslator, parseLambda, Untranslatable } from './lambda-sql.ts';
import { inferSchema, quoteIdent, type ColumnType, type Schema } from './schema.ts';
import { windowStep, lateStep } from './window-sql.ts';
import { sourceWatermarks } from './source-watermarks.ts';
import type { ExtraColumn } from './duckdb-session.ts';
import { rollingStep } from './rolling-sql.ts';
import { joinStep } from './join-sql.ts';
import { nativeCsv, nativeCsvSelect, nativeCsvWatermarks, type NativeCsv } from './native-csv.ts';

/** A compiled node: its CTE name, the user columns it holds, and what extra columns it carries. */
export interface Relation {
  cte: string;
  schema: Schema;
  timed: boolean;
  keyed: boolean;
  /** The type of __key (after keyBy). */
  keyType?: ColumnType;
  /** Every row's timestamp is above the watermark at its arrival: no row can be late for any window. */
  onTime?: boolean;
}

export interface SourceTable {
  name: string;
  schema: Schema;
  rows: readonly unknown[];
  /** Columns computed in JavaScript while loading (event time and watermark right after a source). */
  extra: ExtraColumn[];
}

export interface CompiledQuery {
  sql: string;
  tables: SourceTable[];
  schema: Schema;
}

export class Compiler {
  readonly ctes: string[] = [];
  readonly tables: SourceTable[] = [];
  private readonly done = new Map<LogicalNode, Relation>();
  private readonly deadLetters = new Map<LogicalNode, unknown[]>();
  private readonly sourceTables = new Map<LogicalNode, SourceTable>();
  /** CSV sources DuckDB reads itself (read_csv), by source node. */
  readonly nativeFiles = new Map<LogicalNode, NativeCsv>();

  /**
   * `prefix` names this compilation's source tables (runs may overlap on the shared instance); `native` false
   * reads every file through Rivulet's readers instead of letting DuckDB read CSV files itself;
   * `assumeOnTime` compiles the steps after a CSV file's watermarks for rows all on time (checked in SQL).
   */
  constructor(
    private readonly prefix = 'rv',
    private readonly native = true,
    private readonly assumeOnTime = true,
  ) {}

  relation(node: LogicalNode): Relation {
    let r = this.done.get(node);
    if (r === undefined) {
      r = this.translate(node);
      this.done.set(node, r);
    }
    return r;
  }

  /** Adds `select` (over the input relation) as the CTE of `node`. */
  add(node: LogicalNode, select: string, schema: Schema, timed: boolean, keyed: boolean): Relation {
    const cte = `n${node.id}`;
    this.ctes.push(`${cte} AS (${select})`);
    return { cte, schema, timed, keyed };
  }

  private translate(node: LogicalNode): Relation {
    try {
      return this.step(node);
    } catch (e) {
      if (!(e instanceof Untranslatable)) throw e;
      throw new RivuletError('BATCH_UNTRANSLATABLE', { step: node.label, kind: node.kind, source: stepSource(node), reason: e.message });
    }
  }

  private step(node: LogicalNode): Relation {
    const spec = node.spec ?? {};
    const input = (): Relation => this.relation(node.inputs[0] as LogicalNode);
    switch (node.kind) {
      case 'source':
        return this.source(node);
      case 'flatMap':
        if (spec.deadLetterSplit === true) return this.split(node);
        throw new Untranslatable('flatMap is not translated (a function may return any number of rows)');
      case 'filter': {
        const r = input();
        const { param, body } = parseLambda(spec.fn as Function);
        const cond = new LambdaTranslator(param, r.schema).condition(body);
        return { ...r, ...this.add(node, `SELECT * FROM ${r.cte} WHERE ${cond}`, r.schema, r.timed, r.keyed) };
      }
      case 'map':
        if (spec.joinSide !== undefined) return { ...input() };
        return this.map(node, input());
      case 'join':
        return joinStep(this, node, input(), this.relation(node.inputs[1] as LogicalNode));
      case 'watermarks':
        return this.watermarks(node, input());
      case 'keyBy':
        return this.keyBy(node, input());
      case 'window':
        return windowStep(this, node, input());
      case 'aggregate':
        return rollingStep(this, node, input());
      case 'side':
        if (node.sideOf?.name === 'late' && node.sideOf.node.kind === 'window') return lateStep(this, node, node.sideOf.node);
        if (node.sideOf?.name === 'dead-letters') return this.deadLetterStep(node, node.sideOf.node);
        throw new Untranslatable(`the side output "${node.sideOf?.name}" is not translated`);
      case 'take': {
        const r = input();
        const n = /take (\d+)/.exec(node.label)?.[1] ?? '0';
        return this.add(node, `SELECT * FROM ${r.cte} ORDER BY __seq LIMIT ${n}`, r.schema, r.timed, r.keyed);
      }
      default:
        throw new Untranslatable(`${node.kind} steps are not translated to SQL`);
    }
  }

  private source(node: LogicalNode): Relation {
    const spec = node.source;
    if (spec === undefined || !spec.bounded) throw new Untranslatable('the source is unbounded');
    const csv = this.native ? nativeCsv(node) : null;
    if (csv !== null) {
      this.nativeFiles.set(node, csv);
      return this.add(node, nativeCsvSelect(csv), csv.schema, false, false);
    }
    // An array source's rows are its own copy of the array, taken when the stream was made; only readers
    // (files) mix dead letters in among the rows.
    const array = spec.portable?.kind === 'array' ? spec.portable.items : null;
    const rows = array ?? readAll(node);
    const clean = array === null && rows.some((r) => r instanceof DeadLetterItem) ? rows.filter((r) => !(r instanceof DeadLetterItem)) : rows;
    if (clean.length !== rows.length) this.deadLetters.set(node, rows.filter((r) => r instanceof DeadLetterItem));
    const schema = inferSchema(clean);
    const name = `${this.prefix}_source_${node.id}`;
    this.tables.push({ name, schema, rows: clean, extra: [] });
    this.sourceTables.set(node, this.tables[this.tables.length - 1] as SourceTable);
    return this.add(node, `SELECT * FROM ${quoteIdent(name)}`, schema, false, false);
  }

  /** A file source's dead-letter split: the source table holds only the parsed records already. */
  private split(node: LogicalNode): Relation {
    const r = this.relation(node.inputs[0] as LogicalNode);
    return { ...r };
  }

  /** The lines a file source could not parse, as the streaming engine's deadLetters() gives them. */
  private deadLetterStep(node: LogicalNode, split: LogicalNode): Relation {
    const source = split.inputs[0] as LogicalNode;
    const read = this.relation(source);
    const letters = (this.deadLetters.get(source) ?? []).map((d) => (d as DeadLetterItem).letter);
    const schema = letters.length > 0 ? inferSchema(letters) : inferSchema([{ source: '', line: 0, offset: 0, raw: '', error: '' }]);
    const name = `${this.prefix}_dead_${source.id}`;
    this.tables.push({ name, schema, rows: letters, extra: [] });
    // A file DuckDB reads itself has no dead letters when it reads without a reject (the whole file is read
    // here, so that a reject makes the run fall back to Rivulet's reader, which finds the dead letters).
    const check = this.nativeFiles.has(source) ? ` WHERE (SELECT count(*) FROM ${read.cte}) < 0` : '';
    return this.add(node, `SELECT * FROM ${quoteIdent(name)}${check}`, schema, false, false);
  }

  /** The CSV source DuckDB reads itself that a node reads directly (through its dead-letter split), if any. */
  private nativeRightBefore(node: LogicalNode): NativeCsv | undefined {
    const split = node.inputs[0];
    if (split?.kind !== 'flatMap' || split.spec?.deadLetterSplit !== true) return undefined;
    const source = split.inputs[0];
    return source === undefined ? undefined : this.nativeFiles.get(source);
  }

  /** The table of the source a node reads directly (through a file source's dead-letter split), if unused so far. */
  private tableRightBefore(node: LogicalNode): SourceTable | undefined {
    let input = node.inputs[0];
    if (input?.kind === 'flatMap' && input.spec?.deadLetterSplit === true) input = input.inputs[0];
    if (input?.kind !== 'source') return undefined;
    const t = this.sourceTables.get(input);
    return t !== undefined && t.extra.length === 0 ? t : undefined;
  }

  /**
   * The whole query: every CTE, then the stream's user columns in its order. Watermark columns computed while
   * loading that no step reads (every row was on time) are dropped from the tables to load.
   */
  query(r: Relation): string {
    const cols = r.schema.columns.map((c) => quoteIdent(c.name)).join(', ');
    const sql = `WITH\n  ${this.ctes.join(',\n  ')}\nSELECT ${cols} FROM ${r.cte} ORDER BY __seq`;
    if (!sql.includes('__wm')) for (const t of this.tables) t.extra = t.extra.filter((e) => e.name !== '__wm');
    return sql;
  }

  private map(node: LogicalNode, r: Relation): Relation {
    const { param, body } = parseLambda((node.spec ?? {}).fn as Function);
    const p = new LambdaTranslator(param, r.schema).projection(body);
    const extra = ['__seq', ...(r.timed ? ['__ts', '__wm'] : [])];
    if (p.kind === 'value') {
      const schema: Schema = { columns: [{ name: 'value', path: ['value'], type: p.expr.type, optional: false }], scalar: true };
      return this.add(node, `SELECT ${p.expr.sql} AS "value", ${extra.join(', ')} FROM ${r.cte}`, schema, r.timed, false);
    }
    const names = new Set<string>();
    for (const c of p.columns) {
      if (c.name.startsWith('__')) throw new Untranslatable(`the result field "${c.name}" starts with __ (reserved for the batch mode)`);
      names.add(c.name);
    }
    const cols = p.columns.map((c) => `${c.expr.sql} AS ${quoteIdent(c.name)}`);
    const schema: Schema = {
      columns: p.columns.map((c) => ({ name: c.name, path: c.name.split('.'), type: c.expr.type === 'null' ? 'null' : c.expr.type, optional: false })),
      scalar: false,
    };
    return { ...this.add(node, `SELECT ${[...cols, ...extra].join(', ')} FROM ${r.cte}`, schema, r.timed, false), ...(r.onTime ? { onTime: true } : {}) };
  }

  private watermarks(node: LogicalNode, r: Relation): Relation {
    const spec = node.spec ?? {};
    const ts = spec.timestamp;
    const csv = this.nativeRightBefore(node);
    if (csv !== undefined && !r.timed) {
      // Right after a CSV file DuckDB reads: event time and the watermark from streaming windows over the scan.
      const select = nativeCsvWatermarks(csv, timestampSql(ts, r), spec.maxOutOfOrderness as number, this.assumeOnTime);
      return { ...this.add(node, select, r.schema, true, r.keyed), ...(this.assumeOnTime ? { onTime: true } : {}) };
    }
    const table = this.tableRightBefore(node);
    if (table !== undefined && !r.timed) {
      // Right after a source, the watermark is computed in JavaScript while loading, as the streaming engine does.
      const field = typeof ts === 'string' ? r.schema.columns.find((c) => c.name === ts && c.type === 'number' && !c.optional) : undefined;
      const marks = sourceWatermarks(table.rows, ts as string | ((row: unknown) => number | Date), spec.maxOutOfOrderness as number, field === undefined);
      table.extra.push(...marks.columns);
      const select = field === undefined ? `SELECT * FROM ${r.cte}` : `SELECT *, ${quoteIdent(field.name)} AS __ts FROM ${r.cte}`;
      return { ...this.add(node, select, r.schema, true, r.keyed), onTime: marks.onTime };
    }
    const sql = timestampSql(ts, r);
    const lag = (spec.maxOutOfOrderness as number) + 1;
    const prior = r.timed ? ' EXCLUDE (__ts, __wm)' : '';
    const select =
      `SELECT *${prior}, ${sql} AS __ts, ` +
      `coalesce(max(${sql}) OVER (ORDER BY __seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) - ${lag}, '-Infinity'::DOUBLE) AS __wm ` +
      `FROM ${r.cte}`;
    return this.add(node, select, r.schema, true, r.keyed);
  }

  private keyBy(node: LogicalNode, r: Relation): Relation {
    const key = (node.spec ?? {}).key;
    let sql: string;
    let type: ColumnType;
    if (typeof key === 'string') {
      const col = r.schema.columns.find((c) => c.name === key);
      if (r.schema.scalar || col === undefined) throw new Untranslatable(`the rows have no field "${key}"`);
      sql = quoteIdent(key);
      type = col.type;
    } else if (typeof key === 'function') {
      const { param, body } = parseLambda(key);
      const e = new LambdaTranslator(param, r.schema).expr(body);
      if (e.type === 'list') throw new Untranslatable('the key is a list');
      sql = e.sql;
      type = e.type;
    } else {
      throw new Untranslatable('keys by tuple position are not translated');
    }
    const prior = r.keyed ? ' EXCLUDE (__key)' : '';
    return { ...r, ...this.add(node, `SELECT *${prior}, ${sql} AS __key FROM ${r.cte}`, r.schema, r.timed, true), keyType: type };
  }
}

/** Event time as SQL over the rows of `r`: a number field, or a translated timestamp function. */
function timestampSql(ts: unknown, r: Relation): string {
  if (typeof ts === 'string') {
    const c = r.schema.columns.find((col) => col.name === ts);
    if (c === undefined || c.type !== 'number') throw new Untranslatable(`the timestamp field "${ts}" is not a number field of the rows`);
    return quoteIdent(ts);
  }
  const { param, body } = parseLambda(ts as Function);
  const e = new LambdaTranslator(param, r.schema).expr(body);
  if (e.type !== 'number') throw new Untranslatable('the timestamp function does not return a number');
  return e.sql;
}

/** Every record of a bounded source, read synchronously from its reader (paced sources included). */
function readAll(node: LogicalNode): unknown[] {
  const reader = (node.source as NonNullable<LogicalNode['source']>).open(0, 0);
  const rows: unknown[] = [];
  while (!reader.done) {
    const got = reader.read(65536, Infinity);
    for (const r of got) rows.push(r);
    if (got.length === 0 && !reader.done && reader.nextDue() === Infinity) break;
  }
  return rows;
}

function stepSource(node: LogicalNode): string {
  const spec = node.spec ?? {};
  for (const k of ['fn', 'key', 'timestamp', 'reduce']) {
    const f = spec[k];
    if (typeof f === 'function') return f.toString();
  }
  return '';
}

/** The query computing `node` (a stream's node): its SQL, the tables to load first, and its row schema. */
export function compileStream(node: LogicalNode, prefix?: string, native = true, assumeOnTime = true): { compiler: Compiler; relation: Relation } {
  const compiler = new Compiler(prefix, native, assumeOnTime);
  const relation = compiler.relation(node);
  return { compiler, relation };
}
