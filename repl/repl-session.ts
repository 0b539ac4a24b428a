// The state of one REPL session: the cell evaluator (the kernel's evaluation rules, from runtime/session),
// whether an input or a dashboard is running, and how to run code and show its result or its error. The
// node:repl server (start-repl.ts) and the dot-commands (commands/) both go through it.
import type { REPLServer } from 'node:repl';
import type { View } from '../runtime/index.ts';
import { CellEvaluator, type CellEvaluatorOptions } from '../runtime/session/evaluate/index.ts';
import { formatError } from './format-error.ts';
import { formatValue } from './format-value.ts';
import { ProgressReporter } from './progress/progress-reporter.ts';
import { environmentsOf } from './environments.ts';
import { choosePlayback } from './playback/choose-playback.ts';
import { openDashboard } from './dashboard/open-dashboard.tsx';

export interface ReplSessionOptions {
  readonly context?: Record<string, unknown>;
  readonly cwd?: string;
  readonly output: NodeJS.WriteStream;
  readonly input: NodeJS.ReadableStream;
  readonly colors: boolean;
}

export class ReplSession {
  readonly evaluator: CellEvaluator;
  readonly output: NodeJS.WriteStream;
  readonly input: NodeJS.ReadableStream;
  readonly colors: boolean;
  /** An input (or a command) is running: output goes straight out, not above a prompt. */
  busy = false;
  dashboardOpen = false;
  server: REPLServer | null = null;
  private readonly progress: ProgressReporter;

  constructor(opts: ReplSessionOptions) {
    const evalOpts: CellEvaluatorOptions = { ...(opts.context ? { context: opts.context } : {}), ...(opts.cwd ? { cwd: opts.cwd } : {}) };
    this.evaluator = new CellEvaluator(evalOpts);
    this.output = opts.output;
    this.input = opts.input;
    this.colors = opts.colors;
    this.progress = new ProgressReporter({
      write: (t) => void (this.output.isTTY === true && this.output.write(t)),
      columns: () => this.output.columns || 80,
    });
  }

  get scope(): Record<string, unknown> {
    return this.evaluator.scope;
  }

  /** Writes a line of output (between inputs, above the prompt). */
  print(text: string): void {
    const out = text.endsWith('\n') ? text : text + '\n';
    if (this.busy || this.server === null) {
      // While an input runs, a progress line may be on the current line: write over it.
      this.output.write((this.output.isTTY === true ? '\r\x1b[K' : '') + out);
      return;
    }
    this.output.write((this.output.isTTY === true ? '\r\x1b[K' : '\n') + out);
    this.server.displayPrompt(true);
  }

  /**
   * Runs one input and returns what to print: its value (when it ends with an expression) or its error.
   * Never throws. A long bounded run shows a progress line meanwhile.
   */
  async run(code: string): Promise<{ text: string | null; failed: boolean }> {
    this.busy = true;
    this.progress.start();
    try {
      const r = await this.evaluator.evaluate(code);
      return { text: r.hasValue && r.value !== undefined ? formatValue(r.value, this.colors) : null, failed: false };
    } catch (e) {
      return { text: formatError(e, code), failed: true };
    } finally {
      this.progress.stop();
      this.busy = false;
    }
  }

  /** Shows these views on the live dashboard until the user presses q. */
  async dashboard(views: readonly View<unknown>[], title?: string): Promise<void> {
    this.dashboardOpen = true;
    try {
      await openDashboard({
        views,
        controls: choosePlayback(environmentsOf(this.scope)),
        input: this.input,
        output: this.output,
        ...(title !== undefined ? { title } : {}),
      });
    } finally {
      this.dashboardOpen = false;
    }
  }
}
