// execute_request, start to end: execute_input, the cell run under its own cell id (so that late output
// finds it), the renderings it started awaited, then execute_result or error, and the reply. An interrupt
// stops every running job and gives up on the running cell (its reply says so); the names the cells defined
// stay.
import { setTimeout as delay } from 'node:timers/promises';
import { CellEvaluator, EvaluationError, type CellResult } from '../runtime/session/evaluate/index.ts';
import { stopAllJobs } from '../runtime/session/job-registry.ts';
import { displaysSettled } from '../runtime/session/pending-displays.ts';
import { View } from '../runtime/views/view.ts';
import type { CellOutput } from './cell-output.ts';
import type { KernelDisplayTarget } from './kernel-display-target.ts';
import { JobTracker } from './job-tracker.ts';
import { richBundle } from './rich-result.ts';
import type { JupyterMessage } from './wire-message.ts';

/** Longest wait at the end of a cell for the renderings it started (charts) before replying. */
const SETTLE_MS = 10_000;

export interface ErrorContent {
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: string[];
}

class Interrupted extends Error {
  constructor() {
    super('the cell was interrupted; running streams were stopped');
    this.name = 'KeyboardInterrupt';
  }
}

export class CellExecutor {
  private executionCount = 0;
  private silentCount = 0;
  private abandon: ((e: Error) => void) | null = null;
  /** The id of the cell run last (where output from nowhere is shown). */
  lastCellId: string | undefined = undefined;
  readonly jobs: JobTracker;

  constructor(
    private readonly evaluator: CellEvaluator,
    private readonly output: CellOutput,
    private readonly display: KernelDisplayTarget,
  ) {
    this.jobs = new JobTracker((cellId, e) => this.output.publish('error', { ...this.errorContent(e, cellId) }, cellId));
    this.jobs.listen();
  }

  /** Runs an execute_request; resolves with the execute_reply content once every output of the cell is out. */
  async execute(request: JupyterMessage): Promise<Record<string, unknown>> {
    const c = request.content;
    const code = typeof c.code === 'string' ? c.code : '';
    const silent = c.silent === true;
    const counted = !silent && c.store_history !== false;
    if (counted) this.executionCount++;
    const count = this.executionCount;
    const cellId = counted ? `In[${count}]` : `cell-silent-${++this.silentCount}`;
    this.output.begin(cellId, request);
    this.lastCellId = cellId;
    if (!silent) this.output.publishTo(request, 'execute_input', { code, execution_count: count });
    this.jobs.cellStarted(cellId);
    let result: CellResult | null = null;
    let error: unknown = null;
    try {
      result = await this.run(code, cellId);
    } catch (e) {
      error = e;
    }
    await Promise.race([displaysSettled(cellId), delay(SETTLE_MS, undefined, { ref: false })]);
    const streamFailures = this.jobs.cellFinished(cellId, error instanceof EvaluationError ? error.thrown : error);
    for (const f of streamFailures) this.output.publish('error', { ...this.errorContent(f, cellId) }, cellId);
    if (error !== null) {
      const content = this.errorContent(error, cellId);
      this.output.publish('error', { ...content }, cellId);
      return { status: 'error', execution_count: count, ...content };
    }
    if (!silent && result !== null && result.hasValue && result.value !== undefined && !this.alreadyShown(result.value, cellId)) {
      const data = await this.bundleOf(result.value);
      this.output.publish('execute_result', { execution_count: count, data, metadata: {} }, cellId);
    }
    return { status: 'ok', execution_count: count, user_expressions: {}, payload: [] };
  }

  /** Stops every running job and gives up on the running cell, if any. */
  interrupt(): void {
    void stopAllJobs();
    const abandon = this.abandon;
    if (abandon !== null) {
      this.abandon = null;
      this.evaluator.interrupt();
      abandon(new Interrupted());
    }
  }

  /** The error content for `e`, at its cell's TypeScript line when it came from a cell's code. */
  errorContent(e: unknown, cellId: string): ErrorContent {
    if (e instanceof Interrupted) return { ename: e.name, evalue: e.message, traceback: [`${e.name}: ${e.message}`] };
    const ee = e instanceof EvaluationError ? e : this.evaluator.explainError(e, cellId);
    const where = ee.line === undefined ? '' : ` (line ${ee.line}, column ${ee.column ?? 1})`;
    const traceback = ee.traceback;
    if (traceback.length > 0) traceback[0] = `${traceback[0]}${where}`;
    return { ename: ee.ename, evalue: ee.evalue, traceback };
  }

  private run(code: string, cellId: string): Promise<CellResult> {
    const evaluation = this.evaluator.evaluate(code, { cellId });
    const interrupted = new Promise<never>((_, reject) => {
      this.abandon = reject;
    });
    // Given up on by an interrupt, the cell may still end later: nothing is waiting for it then.
    evaluation.catch(() => undefined);
    return Promise.race([evaluation, interrupted]).finally(() => {
      this.abandon = null;
    });
  }

  private alreadyShown(value: unknown, cellId: string): boolean {
    return value instanceof View && this.display.hasShown(cellId, value.displayId);
  }

  private async bundleOf(value: unknown): Promise<Record<string, unknown>> {
    try {
      return await richBundle(value);
    } catch (e) {
      return { 'text/plain': `(could not render the value: ${e instanceof Error ? e.message : String(e)})` };
    }
  }
}
