// Splits a file's bytes into records, chunk by chunk, without ever holding the whole file: a record ends at a
// '\n' (a '\r' before it is dropped), except, for CSV, inside a quoted field (RFC 4180: a quote opens a quoted
// field only at the start of a field, "" inside it is a quote). Splitting happens on bytes: '\n', '\r', '"'
// and an ASCII delimiter never occur inside a multi-byte UTF-8 sequence, so each record's bytes decode whole.
import { closeSync, openSync, readSync } from 'node:fs';

export interface RawRecord {
  /** 1-based number of the physical line the record starts on. */
  readonly line: number;
  /** Byte offset of the record's first byte. */
  readonly offset: number;
  /** The record's text, without its line ending. */
  readonly text: string;
  /** Byte offset just past the record and its line ending: where the next record starts. */
  readonly end: number;
  /** Set when the file ended inside a quoted field. */
  readonly unterminated: boolean;
}

export const CHUNK_BYTES = 64 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

// CSV scanner states: at a field's start, in an unquoted field, in a quoted field, just after a quote inside one.
const START = 0;
const PLAIN = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;

/** Counts '\n' bytes in [0, end) of a file: the physical line a byte offset is on, minus one. */
export function countNewlines(path: string, end: number, chunkBytes = CHUNK_BYTES): number {
  let n = 0;
  let pos = 0;
  const buf = Buffer.allocUnsafe(chunkBytes);
  const fd = openSync(path, 'r');
  try {
    while (pos < end) {
      const got = readSync(fd, buf, 0, Math.min(chunkBytes, end - pos), pos);
      if (got === 0) break;
      for (let i = 0; i < got; i++) if (buf[i] === LF) n++;
      pos += got;
    }
  } finally {
    closeSync(fd);
  }
  return n;
}

export class RecordSplitter {
  private pos: number;
  private line: number;
  private pending: Buffer[] = [];
  private pendingStart: number;
  private pendingNewlines = 0;
  private state = START;
  private eof = false;
  private readonly ready: RawRecord[] = [];
  private readIndex = 0;

  /**
   * Reads `path` from byte `offset`, which is on physical line `line`. `delimiter` is the CSV delimiter's byte,
   * or null for JSON lines (no quoting). The file is opened for each chunk read and closed at once, so that a
   * job stopped midway leaves no file descriptor behind.
   */
  constructor(
    private readonly path: string,
    offset: number,
    line: number,
    private readonly delimiter: number | null,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.pos = offset;
    this.pendingStart = offset;
    this.line = line;
  }

  /** The next record, or undefined at the end of the file. */
  next(): RawRecord | undefined {
    while (this.readIndex >= this.ready.length) {
      if (this.eof) return undefined;
      this.ready.length = 0;
      this.readIndex = 0;
      this.fill();
    }
    return this.ready[this.readIndex++];
  }

  /** Whether another record follows (reads ahead one chunk at most). */
  get exhausted(): boolean {
    while (this.readIndex >= this.ready.length && !this.eof) {
      this.ready.length = 0;
      this.readIndex = 0;
      this.fill();
    }
    return this.readIndex >= this.ready.length;
  }

  private fill(): void {
    const buf = Buffer.allocUnsafe(this.chunkBytes);
    const fd = openSync(this.path, 'r');
    let got: number;
    try {
      got = readSync(fd, buf, 0, this.chunkBytes, this.pos);
    } finally {
      closeSync(fd);
    }
    if (got === 0) {
      this.eof = true;
      this.flushPending(this.pos, true);
      return;
    }
    const chunk = buf.subarray(0, got);
    const base = this.pos;
    const d = this.delimiter;
    const from = d === null ? this.splitLines(chunk, base) : this.splitCsv(chunk, base, d);
    if (from < got) this.pending.push(Buffer.from(chunk.subarray(from)));
    this.pos = base + got;
  }

  /** CSV: records end at a '\n' outside quoted fields (RFC 4180). Returns where the rest of the chunk starts. */
  private splitCsv(chunk: Buffer, base: number, d: number): number {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      switch (this.state) {
        case START:
          this.state = c === QUOTE ? QUOTED : c === d || c === LF ? START : PLAIN;
          break;
        case PLAIN:
          if (c === d) this.state = START;
          break;
        case QUOTED:
          if (c === QUOTE) this.state = QUOTE_SEEN;
          else if (c === LF) this.pendingNewlines++;
          continue;
        case QUOTE_SEEN:
          this.state = c === QUOTE ? QUOTED : c === d ? START : PLAIN;
          break;
      }
      if (c !== LF) continue;
      this.pending.push(chunk.subarray(from, i + 1));
      from = i + 1;
      this.state = START;
      this.flushPending(base + i + 1, false);
    }
    return from;
  }

  /** JSON lines: no quoting, so records end at each '\n', found with indexOf (memchr). Returns where the rest starts. */
  private splitLines(chunk: Buffer, base: number): number {
    let from = 0;
    for (let i = chunk.indexOf(LF, 0); i >= 0; i = chunk.indexOf(LF, from)) {
      this.pending.push(chunk.subarray(from, i + 1));
      from = i + 1;
      this.flushPending(base + i + 1, false);
    }
    return from;
  }

  /** Emits the pending bytes as one record ending at byte `end` (exclusive, line ending included). */
  private flushPending(end: number, atEof: boolean): void {
    if (this.pending.length === 0) return;
    const bytes = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    let len = bytes.length;
    if (len > 0 && bytes[len - 1] === LF) len--;
    if (len > 0 && bytes[len - 1] === CR) len--;
    // A byte order mark at the start of the file is not part of the first record.
    const bom = this.pendingStart === 0 && len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    this.ready.push({
      line: this.line,
      offset: this.pendingStart,
      text: bytes.toString('utf8', bom, len),
      end,
      unterminated: atEof && this.delimiter !== null && (this.state === QUOTED),
    });
    this.line += 1 + this.pendingNewlines;
    this.pendingNewlines = 0;
    this.pending = [];
    this.pendingStart = end;
  }
}
