// `npm run bench` (and `npm run bench:quick`): Nexmark q0–q5, q7 and q8 through the Rivulet runtime, each
// next to a hand-written loop that computes the same result over the same pre-generated events (the
// practical limit), an RxJS pipeline, and for the windowed queries DuckDB SQL. Every run is checked
// against the loop's result. Prints a table and writes
// bench/results.json. Never part of `npm test`. Options: --help.
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { runStateBench, renderStateTable } from './state/state-bench.ts';
import { runViewsBench, renderViewsTable } from './views/views-bench.ts';
import { HELP, parseOptions } from './options.ts';
import { runLocal, type LocalReport } from './local.ts';
import { runInChild, ChildFailed } from './isolate.ts';
import { ResultMismatch, type CaseResult } from './cases.ts';
import { renderTable, renderTargets } from './table.ts';
import { machine, targetChecks, writeResults } from './report.ts';
import { SUITE, GOALS } from './suite.ts';
import { summarise, renderSummary } from './summary.ts';

const script = fileURLToPath(import.meta.url);
const log = (line: string): void => void process.stderr.write(line + '\n');

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2), join(dirname(script), 'results.json'));
  if (o === 'help') {
    console.log(HELP);
    return 0;
  }
  if (o.reportTo !== null) {
    // A child: run the given queries here and hand the report to the parent.
    writeFileSync(o.reportTo, JSON.stringify(await runLocal(o, log)));
    return 0;
  }

  const m = machine();
  log(`Rivulet bench: ${o.events.toLocaleString('en-US')} events, ${o.warmup} warm-up + ${o.runs} timed samples ` +
    `(≥ ${o.minSampleMs} ms) per case, ` +
    `seed ${o.seed}, sink ${o.sink}, ${o.inProcess ? 'one process' : 'one process per query'}` +
    `${o.gcBetween ? ', full GC before each sample' : ''}; ` +
    `node ${String(m.node)}, ${String(m.cpu)} (${String(m.cores)} cores)`);
  const results: CaseResult[] = [];
  const generation: Record<string, LocalReport['generation']> = {};
  const memory: LocalReport['memory'] = {};
  const collect = (key: string, r: LocalReport): void => {
    results.push(...r.results);
    generation[key] = r.generation;
    Object.assign(memory, r.memory);
  };
  if (o.inProcess) collect('all', await runLocal(o, log));
  else for (const q of o.queries) collect(q, await runInChild(o, script, q));

  const sinks = [...new Set(results.map((r) => r.sink).filter((s) => s !== null))].join(', ');
  console.log('');
  console.log(renderTable(results));
  console.log('');
  console.log(`events/s = input events (bids for q0–q2, q5, q7; persons, auctions and bids for q3, q4, q8) / median wall time of one run (one job over every event), on one thread; per CPU-s = the same over this process's CPU time per run (it counts V8's GC and compiler threads too, and not the time other processes held the core). Runtime sink: ${sinks}. ` +
    `spread = half the range of the samples over their median; gc = share of the timed time in GC pauses; ` +
    `"vs loop" = events/s relative to the query's reference loop (marked ref).`);
  for (const e of SUITE) if (o.queries.includes(e.query.id)) console.log(`  ${e.query.id} ${e.query.title}: ${e.query.plan}`);
  console.log('Targets (runtime, parallelism 1):');
  console.log(renderTargets(targetChecks(results)));
  console.log('');
  console.log('Side by side: the runtime over the pre-generated array at parallelism 1 ("with generation": over the generator), ' +
    `the reference loop, RxJS, DuckDB (SQL time only; the ingest with the appender in brackets); goals: ≥ ${GOALS.ofLoop}× the loop, ` +
    `≥ ${GOALS.timesRxjs}× RxJS, the target. Events per second of wall time:`);
  console.log(renderSummary(summarise(results, memory, 'wall')));
  console.log('\nThe same in events per second of the process\'s CPU time (steadier when other processes share the cores):');
  console.log(renderSummary(summarise(results, memory, 'cpu')));
  writeResults(o.out, o, generation, results, memory);
  if (!process.argv.includes('--no-state') && o.mode === null) {
    console.log('\nState: snapshots, restores and the disk backend');
    const state = await runStateBench(o.quick, log);
    console.log(renderStateTable(state));
    const saved = JSON.parse(readFileSync(o.out, 'utf8')) as Record<string, unknown>;
    writeFileSync(o.out, JSON.stringify({ ...saved, state }, null, 2) + '\n');
  }
  if (!process.argv.includes('--no-views') && o.mode === null) {
    console.log('\nViews: what a live view costs the pipeline it watches');
    const views = await runViewsBench(o.quick, log);
    console.log(renderViewsTable(views.rows));
    const saved = JSON.parse(readFileSync(o.out, 'utf8')) as Record<string, unknown>;
    writeFileSync(o.out, JSON.stringify({ ...saved, views: { rows: views.rows, ...views.data } }, null, 2) + '\n');
  }
  console.log(`\nwrote ${relative(process.cwd(), o.out)}`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    const mismatch = e instanceof ResultMismatch;
    const brief = mismatch || e instanceof ChildFailed;
    log(`\n${mismatch ? 'BENCH FAILED: WRONG RESULT' : 'BENCH FAILED'}\n${e instanceof Error ? (brief ? e.message : e.stack) : String(e)}`);
    process.exitCode = 1;
  },
);
