// The source behind env.fromRecording: reads a recording's event lines in chunks (never the whole file), in
// arrival order, as RecordedEvent items (the stream then stamps their event times and unwraps them); a line that
// is not an event, including a final line cut off by a crash, is a dead letter and the replay goes on.
//
// Pacing is by event time on the job's clock: the event with event time t is due at start + (t - firstT) / speed,
// where firstT is the first event time read since the reader was opened (an event earlier than one before it is
// due at once after it: arrival order is kept). speed Infinity replays as fast as possible. Offsets are byte
// offsets of the next event line, so a reader resumes exactly where a snapshot left it.
//
// Under a replay controller (an active ReplayBudget when the reader opens), processing time is the recording's
// own time: the event with event time t is due at t (never before an event read before it), and the reader
// releases only what the budget admits, so that the controller can step event by event and seek.
import { statSync } from 'node:fs';
import type { SourceReader, SourceSpec } from '../source.ts';
import { RecordSplitter, countNewlines, CHUNK_BYTES, type RawRecord } from '../files/record-splitter.ts';
import { DeadLetterItem } from '../files/dead-letter.ts';
import { RecordedEvent, readHeader } from './recording-format.ts';
import type { ReplayBudget } from './replay-budget.ts';

export interface RecordingSourceSettings {
  /** Events per event-time unit of processing time: 1 = as recorded, Infinity = as fast as possible. */
  readonly speed: number;
  readonly chunkBytes?: number;
  /** The environment's replay budget (see replay-budget.ts). */
  readonly budget?: ReplayBudget;
}

interface Pending {
  item: unknown;
  due: number;
  end: number;
}

/** Turns one raw line into a RecordedEvent or a dead letter. */
function parseEvent(path: string, r: RawRecord, eventTime: boolean, fileSize: number): unknown {
  let v: unknown;
  try {
    v = JSON.parse(r.text);
  } catch (e) {
    const partial = r.end >= fileSize && r.end - r.offset === Buffer.byteLength(r.text);
    return deadLetter(path, r, partial ? 'the recording ends with a partial line (cut off while it was written)' : `bad JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !('e' in v)) return deadLetter(path, r, 'not an event line ({ "t", "n", "e" })');
  const { t, n, e } = v as { t?: unknown; n?: unknown; e: unknown };
  if (eventTime ? typeof t !== 'number' || !Number.isFinite(t) : t !== null && t !== undefined && typeof t !== 'number') {
    return deadLetter(path, r, `the event time t must be ${eventTime ? 'a finite number (ms)' : 'null or a number'}, got ${JSON.stringify(t)}`);
  }
  return new RecordedEvent(typeof t === 'number' ? t : null, typeof n === 'number' ? n : -1, e);
}

/** A line that is not an event, as a dead letter (made only then: no closure per line). */
function deadLetter(path: string, r: RawRecord, error: string): DeadLetterItem {
  return new DeadLetterItem({ source: path, line: r.line, offset: r.offset, raw: r.text, error });
}

export function recordingSource(path: string, s: RecordingSourceSettings): SourceSpec {
  const chunkBytes = s.chunkBytes ?? CHUNK_BYTES;
  const speed = s.speed;
  return {
    name: `fromRecording ${path}`,
    bounded: true,
    open(offset: number, startTime: number): SourceReader {
      const { header, dataStart } = readHeader('fromRecording', path, chunkBytes);
      const eventTime = header.eventTime !== false;
      const fileSize = statSync(path).size;
      const start = Math.max(offset, dataStart);
      const splitter = new RecordSplitter(path, start, 1 + countNewlines(path, start, chunkBytes), null, chunkBytes);
      let pos = start;
      let pending: Pending | undefined;
      let firstT: number | undefined;
      let lastDue = -Infinity;
      const budget = s.budget?.active === true ? s.budget : null;
      const due = (t: number): number => {
        if (budget !== null) return t;
        firstT ??= t;
        return startTime + (t - firstT) / speed;
      };
      const peek = (): Pending | undefined => {
        while (pending === undefined) {
          const r = splitter.next();
          if (r === undefined) return undefined;
          if (r.text.trim() === '') {
            pos = r.end;
            continue;
          }
          const item = parseEvent(path, r, eventTime, fileSize);
          if (item instanceof RecordedEvent && item.t !== null && (budget !== null || Number.isFinite(speed))) {
            lastDue = Math.max(lastDue, due(item.t));
          }
          pending = { item, due: lastDue, end: r.end };
        }
        return pending;
      };
      return {
        read(max: number, now: number): unknown[] {
          const rows: unknown[] = [];
          while (rows.length < max) {
            const p = peek();
            if (p === undefined || p.due > now) break;
            if (budget !== null) {
              if (!budget.admits(p.item)) break;
              budget.take(p.item);
            }
            rows.push(p.item);
            pos = p.end;
            pending = undefined;
          }
          return rows;
        },
        get done() {
          return peek() === undefined;
        },
        nextDue: () => {
          const p = peek();
          return p === undefined || (budget !== null && !budget.admits(p.item)) ? Infinity : p.due;
        },
        get offset() {
          return pos;
        },
      };
    },
  };
}
