// Starts a worker thread on worker-main.ts. Workers do not inherit the main thread's TypeScript loader, so a
// small bootstrap registers tsx's ESM hooks in the worker first (this works under tsx, plain node --import tsx
// and vitest alike), then imports the worker module.
import { Worker, type TransferListItem } from 'node:worker_threads';

const workerUrl = new URL('./worker-main.ts', import.meta.url).href;

export function startWorker(workerData: unknown, transferList: TransferListItem[]): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`;
  return new Worker(boot, { eval: true, workerData, transferList });
}
