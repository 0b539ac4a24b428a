// What a CSV file's bytes hold that DuckDB's reader and Rivulet's may treat differently: quotes (the two
// split quoted fields by different rules in corner cases), carriage returns (Rivulet drops one before '\n'
// only; DuckDB also ends a line at a lone '\r'), NUL bytes, a byte order mark, blank lines, and underscores
// (DuckDB reads '1_000' as a number, Rivulet does not). One pass of memchr-speed searches over the file.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

export interface CsvBytes {
  /** The file holds a '"', a '\r' or a NUL byte, starts with a byte order mark, or holds a blank line. */
  unsafe: string | null;
  /** The file holds a '_' somewhere. */
  underscore: boolean;
  /** Byte offset just past the first '\n' (the file's size when there is none). */
  firstLineEnd: number;
}

const CHUNK = 8 * 1024 * 1024;
const NEEDLES: [number, string][] = [
  [0x22, 'a double quote'],
  [0x0d, 'a carriage return'],
  [0x00, 'a NUL byte'],
];
const BLANK = Buffer.from('\n\n');

/** Scans `path` for the bytes the native reading cannot vouch for. */
export function scanCsvBytes(path: string): CsvBytes {
  const size = statSync(path).size;
  const buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(size, 1)) + 1);
  const fd = openSync(path, 'r');
  let underscore = false;
  let firstLineEnd = -1;
  try {
    let pos = 0;
    let prevLf = true; // a '\n' at the file's start is a blank line
    while (pos < size) {
      // buf[0] carries the previous chunk's last byte, so that "\n\n" across chunks is found.
      buf[0] = prevLf ? 0x0a : 0x20;
      const got = readSync(fd, buf, 1, buf.length - 1, pos);
      if (got === 0) break;
      const chunk = buf.subarray(0, got + 1);
      if (pos === 0 && got >= 3 && chunk[1] === 0xef && chunk[2] === 0xbb && chunk[3] === 0xbf) return unsafe('a byte order mark', underscore, firstLineEnd, size);
      for (const [byte, what] of NEEDLES) if (chunk.indexOf(byte, 1) >= 0) return unsafe(what, underscore, firstLineEnd, size);
      if (chunk.indexOf(BLANK) >= 0) return unsafe('a blank line', underscore, firstLineEnd, size);
      if (!underscore && chunk.indexOf(0x5f, 1) >= 0) underscore = true;
      if (firstLineEnd < 0) {
        const lf = chunk.indexOf(0x0a, 1);
        if (lf >= 0) firstLineEnd = pos + lf;
      }
      prevLf = chunk[got] === 0x0a;
      pos += got;
    }
  } finally {
    closeSync(fd);
  }
  return { unsafe: null, underscore, firstLineEnd: firstLineEnd < 0 ? size : firstLineEnd };
}

function unsafe(what: string, underscore: boolean, firstLineEnd: number, size: number): CsvBytes {
  return { unsafe: what, underscore, firstLineEnd: firstLineEnd < 0 ? size : firstLineEnd };
}
