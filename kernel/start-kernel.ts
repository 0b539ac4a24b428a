// `rivulet kernel --connection-file F`: binds the sockets from the connection file, makes the kernel the
// display target of live views, captures stdout/stderr per cell, keeps the process alive through whatever
// a cell does (uncaught exceptions and unhandled rejections are shown in the cell they came from), and runs
// until a shutdown_request.
import { setDisplayTarget } from '../runtime/session/display-registry.ts';
import { currentCell } from '../runtime/session/evaluate/index.ts';
import { readConnectionFile } from './connection-file.ts';
import { KernelSockets } from './kernel-sockets.ts';
import { MessageHandler } from './message-handler.ts';
import { captureOutput, originalWrite } from './output-capture.ts';

export interface KernelOptions {
  readonly connectionFile: string;
  /** Where cells' imports resolve from (default: the current directory, which Jupyter sets to the notebook's). */
  readonly cwd?: string;
}

/** Runs the kernel; resolves with the exit code once it was asked to shut down. */
export async function startKernel(opts: KernelOptions): Promise<number> {
  const info = readConnectionFile(opts.connectionFile);
  const log = originalWrite(process.stderr);
  const sockets = new KernelSockets(info, log);
  await sockets.bind();
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const handler = new MessageHandler({
    channels: sockets,
    log,
    ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
    onShutdown: () => finish(0),
  });
  setDisplayTarget(handler.display);
  const restoreOutput = captureOutput(handler.output);
  const onProblem = (e: unknown): void => reportProblem(handler, e, log);
  process.on('uncaughtException', onProblem);
  process.on('unhandledRejection', onProblem);
  const onSigint = (): void => handler.interrupt();
  process.on('SIGINT', onSigint);
  sockets.listen(
    (msg) => handler.handle('shell', msg),
    (msg) => handler.handle('control', msg),
    () => handler.shellDrained(),
  );
  handler.starting();
  const code = await finished;
  await sockets.drain();
  restoreOutput();
  process.off('SIGINT', onSigint);
  sockets.close();
  return code;
}

/** An exception nobody caught: shown in the cell it came from (or the last cell), logged when there is none. */
function reportProblem(handler: MessageHandler, e: unknown, log: (text: string) => void): void {
  const cellId = currentCell() ?? handler.executor.lastCellId;
  if (cellId !== undefined && handler.output.publish('error', { ...handler.executor.errorContent(e, cellId) }, cellId)) return;
  log(`rivulet kernel: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}
