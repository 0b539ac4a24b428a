// What a view says about the stream it shows: events in, events/s, the watermark, late events dropped, and
// whether the stream is running, paused or finished; and the caption under its table.
import type { JobStatus } from '../exec/job.ts';
import type { ReplayProgress } from '../exec/job-metrics.ts';
import { formatCell } from './text-table.ts';

export interface ViewProgress {
  /** The view's stream: 'created' before its job starts, 'finished' once its input has ended. */
  readonly status: JobStatus;
  /** Events read from the sources of the job so far. */
  readonly eventsIn: number;
  /** Events per second (wall time) since the job started. */
  readonly eventsPerSecond: number;
  /** The watermark the view's input has reached (event time, ms), or null before the first one. */
  readonly watermark: number | null;
  /** Events dropped as late by the job's windows and joins. */
  readonly lateDropped: number;
  /** Malformed input records sent to a dead-letter output (shown when there are any). */
  readonly deadLetters: number;
  /** Rows in the view's table. */
  readonly rows: number;
  /** Where the replay is, when the job runs under env.replay. */
  readonly replay?: ReplayProgress;
}

export const NO_PROGRESS: ViewProgress = { status: 'created', eventsIn: 0, eventsPerSecond: 0, watermark: null, lateDropped: 0, deadLetters: 0, rows: 0 };

const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const count = (n: number): string => COUNT.format(n);

export function statusText(s: JobStatus): string {
  return s === 'created' ? 'not started' : s;
}

export function formatWatermark(w: number | null): string {
  if (w === null) return '—';
  return formatCell(w, 'time');
}

/** The progress as the parts of one line: name, status, then the counters. */
export function progressParts(name: string, p: ViewProgress): string[] {
  return [
    name,
    statusText(p.status),
    `${count(p.eventsIn)} events in`,
    `${count(Math.round(p.eventsPerSecond))} events/s`,
    `watermark ${formatWatermark(p.watermark)}`,
    `${count(p.lateDropped)} late dropped`,
    ...(p.deadLetters > 0 ? [`${count(p.deadLetters)} dead letters`] : []),
    ...(p.replay !== undefined ? [replayText(p.replay)] : []),
  ];
}

/** "replay at event 1,234 (12:00:01.500), speed ×10". */
export function replayText(r: ReplayProgress): string {
  const speed = Number.isFinite(r.speed) ? `×${r.speed}` : 'as fast as possible';
  return `replay at event ${count(r.events)} (${formatWatermark(r.eventTime)}), speed ${speed}`;
}

export function progressLine(name: string, p: ViewProgress): string {
  return progressParts(name, p).join(' · ');
}

/** The progress for a terminal: its parts joined by " · ", wrapped onto more lines to fit `width`. */
export function progressLines(name: string, p: ViewProgress, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const part of progressParts(name, p)) {
    const cut = part.length > width ? part.slice(0, Math.max(0, width - 1)) + '…' : part;
    if (line === '') line = cut;
    else if (line.length + 3 + cut.length <= width) line += ' · ' + cut;
    else {
      lines.push(line);
      line = cut;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** "3 rows", "showing top 10 of 1,234 rows" (sorted) or "showing last 10 of 1,234 rows", "no rows yet". */
export function rowsCaption(shown: number, total: number, sorted: boolean): string {
  if (total === 0) return 'no rows yet';
  if (shown >= total) return `${count(total)} ${total === 1 ? 'row' : 'rows'}`;
  return `showing ${sorted ? 'top' : 'last'} ${count(shown)} of ${count(total)} rows`;
}
