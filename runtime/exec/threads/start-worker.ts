// Starts a worker thread on worker-main.ts. Workers do not inherit the main thread's TypeScript loader, so a
// small bootstrap registers tsx's ESM hooks in the worker first (this works under tsx, plain node --import tsx
// and vitest alike), then imports the worker module.
import { Worker, type TransferListItem } from 'node:worker_threads';

const workerUrl = new URL('./worker-main.ts', import.meta.url).href;

const counts = { started: 0, running: 0 };

/** Workers started by this process so far, and how many are still running (for tests and diagnostics). */
export function workerCounts(): { readonly started: number; readonly running: number } {
  return { ...counts };
}

export function startWorker(workerData: unknown, transferList: TransferListItem[]): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`;
  const w = new Worker(boot, { eval: true, workerData, transferList });
  counts.started++;
  counts.running++;
  w.once('exit', () => counts.running--);
  return w;
}
