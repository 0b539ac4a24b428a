// The per-query summary: the runtime's events/s (pre-generated array and generator, parallelism 1) next to
// the reference loop, RxJS and DuckDB, the ratios side by side, memory, and the goals (at least 0.6×
// the loop, 10× RxJS, the events/s target).
import type { CaseResult } from './cases.ts';
import type { LocalReport } from './local.ts';
import type { QueryId } from './queries/query.ts';
import { TARGETS, GOALS } from './suite.ts';
import { formatInt, formatRatio } from './table.ts';

/** Wall: events per second of elapsed time. CPU: events per second of this process's CPU time (steadier when other processes share the cores). */
export type Basis = 'wall' | 'cpu';

export interface QuerySummary {
  readonly query: QueryId;
  readonly basis: Basis;
  readonly runtimeArray: number | null;
  readonly runtimeGenerator: number | null;
  readonly loop: number | null;
  readonly rxjs: number | null;
  readonly duckdb: number | null;
  readonly duckdbIngestMs: number | null;
  readonly vsLoop: number | null;
  readonly vsRxjs: number | null;
  readonly vsDuckdb: number | null;
  readonly peakHeapBytes: number | null;
  readonly stateBytesPerKey: number | null;
  readonly target: number | null;
}

export function summarise(results: readonly CaseResult[], memory: LocalReport['memory'], basis: Basis = 'wall'): QuerySummary[] {
  const queries = [...new Set(results.map((r) => r.query))];
  const rateOf = (r: CaseResult | undefined): number | null => (r === undefined ? null : basis === 'wall' ? r.eventsPerSec : r.eventsPerCpuSec);
  return queries.map((query) => {
    const of = (pred: (r: CaseResult) => boolean): CaseResult | undefined => results.find((r) => r.query === query && pred(r));
    const rt = rateOf(of((r) => r.engine === 'runtime' && r.source === 'array' && r.parallelism === 1));
    const gen = rateOf(of((r) => r.engine === 'runtime' && r.source === 'generator' && r.parallelism === 1));
    const loop = rateOf(of((r) => r.reference));
    const rxjs = rateOf(of((r) => r.engine === 'rxjs'));
    const duck = of((r) => r.engine === 'duckdb');
    const duckRate = rateOf(duck);
    const ratio = (x: number | null): number | null => (rt === null || x === null ? null : rt / x);
    const m = memory[query];
    return {
      query,
      basis,
      runtimeArray: rt,
      runtimeGenerator: gen,
      loop,
      rxjs,
      duckdb: duckRate,
      duckdbIngestMs: duck?.ingestMs ?? null,
      vsLoop: ratio(loop),
      vsRxjs: ratio(rxjs),
      vsDuckdb: ratio(duckRate),
      peakHeapBytes: m?.peakHeapBytes ?? null,
      stateBytesPerKey: m?.state?.bytesPerKey ?? null,
      target: TARGETS[query] ?? null,
    };
  });
}

const COLUMNS = ['query', 'runtime', 'with generation', 'loop', 'RxJS', 'DuckDB (ingest)', 'vs loop', 'vs RxJS', 'vs DuckDB', 'peak heap', 'state/key', 'target'];

const rate = (x: number | null): string => (x === null ? '-' : x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`);
const ratio = (x: number | null, goal?: number): string => (x === null ? '-' : formatRatio(x) + (goal === undefined ? '' : x >= goal ? ' ✓' : ' ✗'));

export function renderSummary(rows: readonly QuerySummary[]): string {
  const cells = rows.map((s) => [
    s.query,
    rate(s.runtimeArray),
    rate(s.runtimeGenerator),
    rate(s.loop),
    rate(s.rxjs),
    s.duckdb === null ? '-' : `${rate(s.duckdb)} (${formatInt(s.duckdbIngestMs ?? 0)} ms)`,
    ratio(s.vsLoop, GOALS.ofLoop),
    ratio(s.vsRxjs, GOALS.timesRxjs),
    ratio(s.vsDuckdb),
    s.peakHeapBytes === null ? '-' : `${(s.peakHeapBytes / 1e6).toFixed(1)} MB`,
    s.stateBytesPerKey === null ? '-' : `${s.stateBytesPerKey.toFixed(0)} B`,
    s.target === null ? '-' : `${rate(s.target)} ${s.runtimeArray !== null && s.runtimeArray >= s.target ? '✓' : '✗'}`,
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (cs: readonly string[]): string => cs.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(COLUMNS), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
