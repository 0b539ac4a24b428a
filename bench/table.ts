// The terminal report: one line per case (query, mode, parallelism, events, rows out, median time, events/s,
// spread of the samples, share of time in GC pauses, ratio to the reference loop), the plans, the targets.
import type { CaseResult } from './cases.ts';
import type { QueryId } from './queries/query.ts';

const COLUMNS = ['query', 'mode', 'par', 'events', 'rows out', 'median ms', 'events/s', 'per CPU-s', 'spread', 'gc', 'vs loop'] as const;
const RIGHT = new Set<string>(['par', 'events', 'rows out', 'median ms', 'events/s', 'per CPU-s', 'spread', 'gc', 'vs loop']);

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatRatio(r: number): string {
  return r >= 10 ? `${r.toFixed(0)}×` : r >= 1 ? `${r.toFixed(2)}×` : `${r.toPrecision(2)}×`;
}

function cells(r: CaseResult): string[] {
  return [
    r.query,
    r.mode,
    r.parallelism === null ? '-' : String(r.parallelism),
    formatInt(r.events),
    formatInt(r.rowsOut),
    r.medianMs.toFixed(1),
    formatInt(r.eventsPerSec),
    formatInt(r.eventsPerCpuSec),
    `±${(r.spread * 100).toFixed(1)}%`,
    r.gcShare === null || Number.isNaN(r.gcShare) ? '-' : `${(r.gcShare * 100).toFixed(0)}%`,
    r.reference ? '1 (ref)' : r.ratioToLoop === null ? '-' : formatRatio(r.ratioToLoop),
  ];
}

export function renderTable(results: readonly CaseResult[]): string {
  const rows = results.map(cells);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cs: readonly string[]): string =>
    cs.map((c, i) => (RIGHT.has(COLUMNS[i] as string) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(COLUMNS), rule];
  let last: string | undefined;
  rows.forEach((r, i) => {
    const q = (results[i] as CaseResult).query;
    if (last !== undefined && q !== last) out.push('');
    last = q;
    out.push(line(r));
  });
  return out.join('\n');
}

export interface TargetCheck {
  readonly query: QueryId;
  readonly target: number;
  readonly array: number;
  readonly generator: number;
}

export function renderTargets(checks: readonly TargetCheck[]): string {
  return checks
    .map((c) => {
      const status = (v: number): string => `${formatInt(v)} ${v >= c.target ? 'met' : `(${((v / c.target) * 100).toFixed(0)}% of it)`}`;
      return `  ${c.query}: target ${formatInt(c.target)} events/s — array ${status(c.array)}, generator ${status(c.generator)}`;
    })
    .join('\n');
}
