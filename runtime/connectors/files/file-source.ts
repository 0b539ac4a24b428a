// Bounded, streaming sources over CSV and JSON-lines files. A reader reads the file in 64 KiB chunks (never the
// whole file), turns each record into a row, and emits the records it cannot parse as dead letters among them.
//
// Offsets are byte offsets: `reader.offset` is the byte where the next record starts, and `open(offset)` resumes
// exactly there. A CSV reader first re-reads the header (and the rows it infers types from) at the start of the
// file, whatever the offset; line numbers after a resume come from counting the newlines before the offset.
import { statSync } from 'node:fs';
import { RivuletError } from '../../errors/rivulet-error.ts';
import type { SourceReader, SourceSpec } from '../source.ts';
import { RecordSplitter, countNewlines, CHUNK_BYTES, type RawRecord } from './record-splitter.ts';
import { csvFields } from './csv-fields.ts';
import { convert, inferTypes, type ColumnType } from './column-types.ts';
import { DeadLetterItem } from './dead-letter.ts';

export type Schema = Record<string, ColumnType>;

export interface CsvSourceSettings {
  readonly schema?: Schema;
  readonly header: boolean;
  readonly delimiter: string;
  /** The event-time column: typed 'timestamp' unless the schema says otherwise. */
  readonly timestamp?: string;
  /** How many rows type inference looks at. */
  readonly inferRows: number;
  readonly chunkBytes?: number;
}

export interface JsonlSourceSettings {
  readonly schema?: Schema;
  readonly chunkBytes?: number;
}

/** Throws FILE_NOT_FOUND unless `path` is a readable regular file. */
export function checkFile(where: string, path: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new RivuletError('FILE_NOT_FOUND', { where, path });
  }
  if (!isFile) throw new RivuletError('FILE_NOT_FOUND', { where, path, problem: 'is not a regular file' });
}

/** A reader over parsed records: `parse` turns one raw record into a row or a dead letter. */
function recordReader(path: string, start: number, delimiter: number | null, chunkBytes: number, parse: (r: RawRecord) => unknown): SourceReader {
  const splitter = new RecordSplitter(path, start, 1 + countNewlines(path, start, chunkBytes), delimiter, chunkBytes);
  let pos = start;
  const total = statSync(path).size;
  return {
    total,
    read(max: number): unknown[] {
      const rows: unknown[] = [];
      while (rows.length < max) {
        const r = splitter.next();
        if (r === undefined) break;
        pos = r.end;
        if (r.text.trim() === '' && !r.unterminated) continue; // blank lines are not records
        rows.push(parse(r));
      }
      return rows;
    },
    get done() {
      return splitter.exhausted;
    },
    nextDue: () => -Infinity,
    get offset() {
      return pos;
    },
  };
}

function dead(source: string, r: RawRecord, error: string): DeadLetterItem {
  return new DeadLetterItem({ source, line: r.line, offset: r.offset, raw: r.text, error });
}

interface CsvLayout {
  columns: string[];
  types: ColumnType[];
  dataStart: number;
}

/** Reads the header and infers the column types from the first rows (always from the start of the file). */
function csvLayout(path: string, s: CsvSourceSettings, chunkBytes: number): CsvLayout {
  const splitter = new RecordSplitter(path, 0, 1, s.delimiter.charCodeAt(0), chunkBytes);
  let first = splitter.next();
  while (first !== undefined && first.text.trim() === '') first = splitter.next();
  if (first === undefined) return { columns: [], types: [], dataStart: 0 };
  let columns: string[];
  let dataStart = 0;
  const sample: string[][] = [];
  const parsed = csvFields(first.text, s.delimiter);
  if (s.header) {
    if (!parsed.ok || first.unterminated) {
      throw new RivuletError('BAD_FILE_HEADER', { path, problem: parsed.ok ? 'an unterminated quoted field' : parsed.error });
    }
    columns = parsed.fields.map((c, i) => (c.trim() === '' ? `column${i + 1}` : c.trim()));
    dataStart = first.end;
  } else {
    const n = parsed.ok ? parsed.fields.length : 0;
    columns = s.schema !== undefined ? Object.keys(s.schema) : Array.from({ length: n }, (_, i) => `column${i + 1}`);
    if (parsed.ok) sample.push(parsed.fields);
  }
  for (const name of Object.keys(s.schema ?? {})) {
    if (!columns.includes(name)) {
      throw new RivuletError('BAD_FILE_HEADER', { path, problem: `the schema names a column "${name}" that the file does not have (columns: ${columns.join(', ')})` });
    }
  }
  if (s.timestamp !== undefined && !columns.includes(s.timestamp)) {
    throw new RivuletError('BAD_FILE_HEADER', { path, problem: `the timestamp column "${s.timestamp}" is not in the file (columns: ${columns.join(', ')})` });
  }
  const declared = s.schema ?? {};
  const needInference = columns.some((c) => declared[c] === undefined && c !== s.timestamp);
  while (needInference && sample.length < s.inferRows) {
    const r = splitter.next();
    if (r === undefined) break;
    const f = csvFields(r.text, s.delimiter);
    if (f.ok && !r.unterminated && f.fields.length === columns.length) sample.push(f.fields);
  }
  const inferred = inferTypes(columns, sample);
  const types = columns.map((c, i) => declared[c] ?? (c === s.timestamp ? 'timestamp' : (inferred[i] as ColumnType)));
  return { columns, types, dataStart };
}

export function csvSource(path: string, s: CsvSourceSettings): SourceSpec {
  const chunkBytes = s.chunkBytes ?? CHUNK_BYTES;
  return {
    name: `fromCsv ${path}`,
    bounded: true,
    csv: { path, header: s.header, delimiter: s.delimiter, layout: () => csvLayout(path, s, chunkBytes) },
    open(offset: number): SourceReader {
      checkFile('fromCsv', path);
      const { columns, types, dataStart } = csvLayout(path, s, chunkBytes);
      const parse = (r: RawRecord): unknown => {
        if (r.unterminated) return dead(path, r, 'the file ends inside a quoted field (a quote is missing)');
        const f = csvFields(r.text, s.delimiter);
        if (!f.ok) return dead(path, r, f.error);
        if (f.fields.length !== columns.length) return dead(path, r, `expected ${columns.length} fields, got ${f.fields.length}`);
        const row: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) {
          const v = convert(f.fields[i] as string, types[i] as ColumnType);
          if (!v.ok) return dead(path, r, `column "${columns[i]}" (${types[i]}): ${v.error}`);
          row[columns[i] as string] = v.value;
        }
        return row;
      };
      return recordReader(path, Math.max(offset, dataStart), s.delimiter.charCodeAt(0), chunkBytes, parse);
    },
  };
}

export function jsonlSource(path: string, s: JsonlSourceSettings): SourceSpec {
  const chunkBytes = s.chunkBytes ?? CHUNK_BYTES;
  const schema = Object.entries(s.schema ?? {});
  return {
    name: `fromJsonl ${path}`,
    bounded: true,
    open(offset: number): SourceReader {
      checkFile('fromJsonl', path);
      const parse = (r: RawRecord): unknown => {
        let value: unknown;
        try {
          value = JSON.parse(r.text);
        } catch (e) {
          return dead(path, r, `bad JSON: ${(e as Error).message}`);
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return dead(path, r, 'expected a JSON object');
        const row = value as Record<string, unknown>;
        for (const [name, type] of schema) {
          const v = fitJson(row[name], type);
          if (!v.ok) return dead(path, r, `field "${name}" (${type}): ${v.error}`);
          row[name] = v.value;
        }
        return row;
      };
      return recordReader(path, offset, null, chunkBytes, parse);
    },
  };
}

/** A JSON value checked against a declared type; missing and null stay null, strings convert as in CSV. */
function fitJson(v: unknown, type: ColumnType): { ok: true; value: unknown } | { ok: false; error: string } {
  if (v === undefined || v === null) return { ok: true, value: null };
  if (typeof v === 'string') return type === 'string' ? { ok: true, value: v } : convert(v, type);
  if (typeof v === 'number' && (type === 'number' || type === 'timestamp') && Number.isFinite(v)) return { ok: true, value: v };
  if (typeof v === 'boolean' && type === 'boolean') return { ok: true, value: v };
  return { ok: false, error: `${JSON.stringify(v)} does not fit` };
}
