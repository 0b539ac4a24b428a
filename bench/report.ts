// bench/results.json: the settings and the machine a run was made on, the generation rate, every case
// with its raw timings, the per-query summary (ratios to loop, RxJS, DuckDB), memory, and the targets. The file is gitignored: a record of the last run, not a baseline.
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import type { BenchOptions } from './options.ts';
import type { CaseResult } from './cases.ts';
import type { LocalReport } from './local.ts';
import type { TargetCheck } from './table.ts';
import type { QueryId } from './queries/query.ts';
import { TARGETS } from './suite.ts';
import { summarise } from './summary.ts';

export function targetChecks(results: readonly CaseResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const query of Object.keys(TARGETS) as QueryId[]) {
    const target = TARGETS[query];
    if (target === undefined) continue;
    const at = (source: 'array' | 'generator'): number | undefined =>
      results.find((r) => r.query === query && r.engine === 'runtime' && r.source === source && r.parallelism === 1)?.eventsPerSec;
    const array = at('array');
    const generator = at('generator');
    if (array !== undefined && generator !== undefined) checks.push({ query, target, array, generator });
  }
  return checks;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
  };
}

export function writeResults(
  path: string,
  o: BenchOptions,
  generation: Record<string, LocalReport['generation']>,
  results: readonly CaseResult[],
  memory: LocalReport['memory'],
): void {
  const status = git(['status', '--porcelain', '--', 'runtime']);
  const doc = {
    date: new Date().toISOString(),
    machine: machine(),
    git: { commit: git(['rev-parse', 'HEAD']), runtimeModified: status === null ? null : status !== '' },
    settings: {
      quick: o.quick,
      events: o.events,
      runs: o.runs,
      warmup: o.warmup,
      minSampleMs: o.minSampleMs,
      seed: o.seed,
      batchSize: 'default',
      sink: o.sink,
      isolation: o.inProcess ? 'one process' : 'one child process per query',
      forcedGcBeforeSamples: o.gcBetween,
    },
    generation,
    results,
    summary: { wall: summarise(results, memory, 'wall'), cpu: summarise(results, memory, 'cpu') },
    memory,
    targets: targetChecks(results),
  };
  writeFileSync(path, JSON.stringify(doc, null, 2) + '\n');
}
