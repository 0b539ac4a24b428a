// Starts a worker thread on worker-main.ts: from its esbuild bundle (worker-bundle.ts) when there is one, else
// through a small bootstrap that registers tsx's ESM hooks in the worker first (workers do not inherit the
// main thread's TypeScript loader). The bundle starts without the parent's --import tsx (execArgv: []), which
// would cost a few hundred ms per worker. Both ways work under tsx, plain node --import tsx and vitest alike.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { workerBundle } from './worker-bundle.ts';

const workerUrl = new URL('./worker-main.ts', import.meta.url).href;

const counts = { started: 0, running: 0 };

/** Workers started by this process so far, and how many are still running (for tests and diagnostics). */
export function workerCounts(): { readonly started: number; readonly running: number } {
  return { ...counts };
}

export function startWorker(workerData: unknown, transferList: TransferListItem[]): Worker {
  const bundle = workerBundle();
  const w = bundle !== null ? new Worker(bundle, { workerData, transferList, execArgv: [] }) : new Worker(tsxBoot(), { eval: true, workerData, transferList });
  counts.started++;
  counts.running++;
  w.once('exit', () => counts.running--);
  return w;
}

function tsxBoot(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`;
}
