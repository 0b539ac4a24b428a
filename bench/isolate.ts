// One child process per query (the default): the runtime's operators are shared code, and V8 specialises
// them to the row shapes and functions it has seen, so a query measured after others could pay for their
// feedback (polymorphic property loads and calls) and for their heap. A fresh process per query measures
// each on its own, as a job would run. The child is this same script with the same Node flags (the tsx loader, and any
// --cpu-prof, which then writes one profile per query); it writes its report to a temporary file.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childArgs, type BenchOptions } from './options.ts';
import type { LocalReport } from './local.ts';
import type { QueryId } from './queries/query.ts';

export async function runInChild(o: BenchOptions, script: string, query: QueryId): Promise<LocalReport> {
  const dir = mkdtempSync(join(tmpdir(), 'rivulet-bench-'));
  const file = join(dir, 'report.json');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...process.execArgv, script, ...childArgs(o, query, file)], {
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new ChildFailed(`${query}: the benchmark process exited with code ${code}`);
    return JSON.parse(readFileSync(file, 'utf8')) as LocalReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class ChildFailed extends Error {}
