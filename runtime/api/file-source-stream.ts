// fromCsv / fromJsonl: a file source, then a split node that sends the lines that could not be parsed to the
// 'dead-letters' side output (read it with .deadLetters()), then, with a timestamp column, event time.
import { LogicalNode } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { PassThroughOperator } from '../operators/pass-through.ts';
import { csvSource, jsonlSource, checkFile, type Schema } from '../connectors/files/file-source.ts';
import { COLUMN_TYPES } from '../connectors/files/column-types.ts';
import { deadLetterSplitStep, DEAD_LETTERS, type DeadLetter } from '../connectors/files/dead-letter.ts';
import type { SourceSpec } from '../connectors/source.ts';
import { DataStream } from './data-stream.ts';
import { nonNegativeInt, positiveInt } from './arguments.ts';
import type { StreamEnvironment } from './stream-environment.ts';

export interface JsonlOptions {
  /** Declared types of fields ('number' | 'string' | 'boolean' | 'timestamp'); a value that does not fit is a dead letter. */
  schema?: Schema;
  /** Bytes read at a time (default 64 KiB). */
  chunkBytes?: number;
}

export interface CsvOptions extends JsonlOptions {
  /** Whether the first line names the columns (default true). */
  header?: boolean;
  /** One ASCII character (default ','). */
  delimiter?: string;
  /** A column holding event time (ms since the epoch or an ISO date): the stream gets watermarks from it. */
  timestamp?: string;
  /** With `timestamp`: how far out of order rows may be (ms, default 0). */
  maxOutOfOrderness?: number;
  /** With `timestamp`: idle after this long without rows (ms). */
  idleTimeout?: number;
  /** How many rows type inference looks at (default 100). */
  inferRows?: number;
}

/** The stream of a file source; deadLetters() is the side stream of the lines it could not parse. */
export class FileSourceStream<T> extends DataStream<T> {
  private dead: DataStream<DeadLetter> | undefined;

  constructor(
    env: StreamEnvironment,
    node: LogicalNode,
    /** @internal The split node whose side output holds the dead letters. */
    readonly splitNode: LogicalNode,
  ) {
    super(env, node);
  }

  /** The lines that could not be parsed, as { source, line, offset, raw, error } (asking twice gives the same stream). */
  deadLetters(): DataStream<DeadLetter> {
    this.dead ??= this.env.stream<DeadLetter>({
      kind: 'side',
      label: 'dead letters',
      inputs: [],
      parallelism: 'input',
      timestamps: false,
      changelog: false,
      sideOf: { node: this.splitNode, name: DEAD_LETTERS },
      create: (ctx) => new PassThroughOperator(ctx.out),
    });
    return this.dead;
  }
}

function checkPath(where: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new RivuletError('BAD_ARGUMENT', { where, name: 'path', expected: 'a file path', got: path });
  checkFile(where, path);
  return path;
}

function checkSchema(where: string, schema: unknown): Schema | undefined {
  if (schema === undefined) return undefined;
  const expected = `an object of column types (${COLUMN_TYPES.map((t) => `"${t}"`).join(', ')})`;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new RivuletError('BAD_ARGUMENT', { where, name: 'schema', expected, got: schema });
  for (const [k, t] of Object.entries(schema)) {
    if (!COLUMN_TYPES.includes(t as never)) throw new RivuletError('BAD_ARGUMENT', { where, name: `schema.${k}`, expected, got: t });
  }
  return schema as Schema;
}

function checkOptions(where: string, opts: unknown): Record<string, unknown> {
  if (typeof opts !== 'object' || opts === null) throw new RivuletError('BAD_ARGUMENT', { where, name: 'the options', expected: 'an object', got: opts });
  return opts as Record<string, unknown>;
}

function build<T>(env: StreamEnvironment, spec: SourceSpec, label: string): FileSourceStream<T> {
  const source = new LogicalNode({ kind: 'source', label, inputs: [], parallelism: 'one', timestamps: false, changelog: false, source: spec });
  const split = new LogicalNode(deadLetterSplitStep(source, 'parse errors → dead letters'));
  return new FileSourceStream<T>(env, split, split);
}

/** env.fromCsv: a bounded stream of a CSV file's rows (RFC 4180 quoting); unparsable lines go to deadLetters(). */
export function csvStream<T>(env: StreamEnvironment, path: string, options: CsvOptions = {}): FileSourceStream<T> {
  const where = 'fromCsv';
  const opts = checkOptions(where, options) as CsvOptions;
  checkPath(where, path);
  const schema = checkSchema(where, opts.schema);
  const delimiter = opts.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || '"\r\n'.includes(delimiter)) {
    throw new RivuletError('BAD_ARGUMENT', { where, name: 'delimiter', expected: 'one ASCII character other than a quote or a line break (e.g. "," or "\\t")', got: delimiter });
  }
  const header = opts.header ?? true;
  if (typeof header !== 'boolean') throw new RivuletError('BAD_ARGUMENT', { where, name: 'header', expected: 'true or false', got: header });
  const ts = opts.timestamp;
  if (ts !== undefined && (typeof ts !== 'string' || ts === '')) throw new RivuletError('BAD_ARGUMENT', { where, name: 'timestamp', expected: 'a column name', got: ts });
  const inferRows = positiveInt(where, 'inferRows', opts.inferRows ?? 100);
  const chunkBytes = positiveInt(where, 'chunkBytes', opts.chunkBytes ?? 64 * 1024);
  const spec = csvSource(path, {
    header,
    delimiter,
    inferRows,
    chunkBytes,
    ...(schema !== undefined ? { schema } : {}),
    ...(ts !== undefined ? { timestamp: ts } : {}),
  });
  const stream = build<T>(env, spec, `fromCsv ${path}`);
  if (ts === undefined) return stream;
  const maxOutOfOrderness = nonNegativeInt(where, 'maxOutOfOrderness', opts.maxOutOfOrderness ?? 0);
  const timed = stream.withWatermarks({
    timestamp: ts as keyof T & string,
    maxOutOfOrderness,
    ...(opts.idleTimeout !== undefined ? { idleTimeout: opts.idleTimeout } : {}),
  });
  return new FileSourceStream<T>(env, timed.node, stream.splitNode);
}

/** env.fromJsonl: a bounded stream of a JSON-lines file's objects; unparsable lines go to deadLetters(). */
export function jsonlStream<T>(env: StreamEnvironment, path: string, options: JsonlOptions = {}): FileSourceStream<T> {
  const where = 'fromJsonl';
  const opts = checkOptions(where, options) as JsonlOptions;
  checkPath(where, path);
  const schema = checkSchema(where, opts.schema);
  const chunkBytes = positiveInt(where, 'chunkBytes', opts.chunkBytes ?? 64 * 1024);
  const spec = jsonlSource(path, { chunkBytes, ...(schema !== undefined ? { schema } : {}) });
  return build<T>(env, spec, `fromJsonl ${path}`);
}
