// The recording file format (version 1): JSON lines. The first line is a header,
//   { "rivulet": "recording", "version": 1, "schema": { field: type }, "eventTime": bool,
//     "maxOutOfOrderness"?: ms, "generator"?: name, "seed"?: n, "createdAt": ISO date }
// then one line per event, in arrival order: { "t": event time (ms) or null, "n": arrival order, "e": record }.
// The schema is inferred from the first records (a JSON type per field, "a|b" when they differ).
import { RivuletError } from '../../errors/rivulet-error.ts';
import { checkFile } from '../files/file-source.ts';
import { RecordSplitter, CHUNK_BYTES } from '../files/record-splitter.ts';

export const RECORDING_VERSION = 1;

export interface RecordingHeader {
  rivulet: 'recording';
  version: number;
  schema: Record<string, string>;
  /** Whether events carry event times (t); false when the recorded stream had no event time. */
  eventTime: boolean;
  /** The recorded stream's watermark bound, when it was known. */
  maxOutOfOrderness?: number;
  generator?: string;
  seed?: number;
  createdAt: string;
}

/** One recorded event as read back: its event time, its arrival order and the record. */
export class RecordedEvent {
  constructor(
    readonly t: number | null,
    readonly n: number,
    readonly e: unknown,
  ) {}
}

function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'bigint' ? 'number' : typeof v;
}

/** The schema of some records: field → JSON type ("number", "string|null", ...); "$value" for non-objects. */
export function inferSchema(rows: readonly unknown[]): Record<string, string> {
  const seen = new Map<string, Set<string>>();
  for (const r of rows) {
    const fields: [string, unknown][] = typeof r === 'object' && r !== null && !Array.isArray(r) ? Object.entries(r) : [['$value', r]];
    for (const [k, v] of fields) {
      let s = seen.get(k);
      if (s === undefined) seen.set(k, (s = new Set()));
      s.add(jsonType(v));
    }
  }
  const schema: Record<string, string> = {};
  for (const [k, s] of seen) schema[k] = [...s].sort().join('|');
  return schema;
}

export const toJson = (v: unknown): string =>
  JSON.stringify(v === undefined ? null : v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'null';

/** One event line (without its line ending). */
export function eventLine(t: number | null, n: number, e: unknown): string {
  return `{"t":${t === null || !Number.isFinite(t) ? 'null' : t},"n":${n},"e":${toJson(e)}}`;
}

/** Reads and checks a recording's header; `dataStart` is the byte offset of the first event line. */
export function readHeader(where: string, path: string, chunkBytes = CHUNK_BYTES): { header: RecordingHeader; dataStart: number } {
  checkFile(where, path);
  const bad = (problem: string): RivuletError => new RivuletError('BAD_RECORDING', { path, problem });
  const first = new RecordSplitter(path, 0, 1, null, chunkBytes).next();
  if (first === undefined) throw bad('the file is empty');
  let h: unknown;
  try {
    h = JSON.parse(first.text);
  } catch {
    throw bad('its first line is not JSON');
  }
  if (typeof h !== 'object' || h === null || (h as { rivulet?: unknown }).rivulet !== 'recording') {
    throw bad('its first line is not a recording header ({ "rivulet": "recording", ... })');
  }
  const header = h as RecordingHeader;
  if (header.version !== RECORDING_VERSION) throw new RivuletError('RECORDING_VERSION', { path, got: header.version, supported: RECORDING_VERSION });
  if (typeof header.schema !== 'object' || header.schema === null) throw bad('its header has no schema');
  return { header, dataStart: first.end };
}
