// Starts a worker thread on worker-main.ts: from its esbuild bundle (worker-bundle.ts) when there is one, else
// through a small bootstrap that registers tsx's ESM hooks in the worker first (workers do not inherit the
// main thread's TypeScript loader). The bundle starts without the parent's --import tsx (execArgv: []), which
// would cost a few hundred ms per worker. Both ways work under tsx, plain node --import tsx and vitest alike.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { workerBundle } from './worker-bundle.ts';

const workerUrl = new URL('./worker-main.ts', import.meta.url).href;

const counts = { started: 0, running: 0, readingSources: 0 };

/**
 * Workers started by this process so far, how many are still running, and how many of those started read the
 * job's sources themselves (for tests and diagnostics).
 */
export function workerCounts(): { readonly started: number; readonly running: number; readonly readingSources: number } {
  return { ...counts };
}

export function startWorker(workerData: unknown, transferList: TransferListItem[], readsSources = false): Worker {
  const bundle = workerBundle();
  const w = bundle !== null ? new Worker(bundle, { workerData, transferList, execArgv: [] }) : new Worker(tsxBoot(), { eval: true, workerData, transferList });
  counts.started++;
  if (readsSources) counts.readingSources++;
  counts.running++;
  w.once('exit', () => counts.running--);
  return w;
}

function tsxBoot(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`;
}
