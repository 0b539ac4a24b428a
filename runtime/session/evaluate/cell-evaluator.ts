// CellEvaluator: the evaluation rules the Jupyter kernel and the REPL share. A cell is TypeScript; esbuild
// strips its types (never checks them), rewrite-cell turns its top-level declarations and imports into
// assignments on one persistent scope object, and the result runs as an async function in this realm (so
// `instanceof Array`, promises and Rivulet's own objects behave as in any module), inside the cell's
// AsyncLocalStorage context. Cells run one at a time, in the order they were given.
import { runInThisContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import { transpileCell, isTranspileFailure } from './transpile.ts';
import { rewriteCell, type RewrittenCell } from './rewrite-cell.ts';
import { CellPositions } from './cell-positions.ts';
import { EvaluationError } from './evaluation-error.ts';
import { runInCell } from './cell-context.ts';
import { resolveCellImport } from './resolve-import.ts';
import { completeCode, type Completion } from './completion.ts';
import { inspectCode } from './inspection.ts';
import { isComplete, type Completeness } from './is-complete.ts';

export interface CellEvaluatorOptions {
  /** Where imports resolve from (default process.cwd()). */
  cwd?: string;
  /** Names every cell sees from the start (e.g. `{ env }`); cells may reassign them. */
  context?: Record<string, unknown>;
  /**
   * Where a package that does not resolve from cwd is looked for next (the kernel adds its own checkout, so
   * that `import ... from 'rivulet'` works in a notebook anywhere). Relative paths resolve from cwd only.
   */
  fallbackDirs?: readonly string[];
  /** Loads a resolved module URL (default: this module's own `import()`). */
  importModule?: (url: string) => Promise<unknown>;
}

export interface EvaluateOptions {
  /** The id currentCell() returns while the cell (and whatever it started) runs; default "cell-N". */
  cellId?: string;
}

export interface CellResult {
  /** The value of the cell's last expression statement; undefined when it ends otherwise. */
  readonly value: unknown;
  /** Whether the cell ends with an expression statement. */
  readonly hasValue: boolean;
  readonly durationMs: number;
}

const MAX_REMEMBERED = 500;

function causesOf(e: unknown): unknown[] {
  const causes: unknown[] = [];
  for (let c = e instanceof Error ? e.cause : undefined; c instanceof Error && causes.length < 5; c = c.cause) causes.push(c);
  return causes;
}

type CellFunction = (scope: object, load: (specifier: string) => Promise<unknown>, result: { value?: unknown }) => Promise<void>;

export class CellEvaluator {
  /** The persistent top-level names of every cell run so far (and of the context). */
  readonly scope: Record<string, unknown>;
  readonly cwd: string;
  private readonly fallbackDirs: readonly string[];
  private readonly importModule: (url: string) => Promise<unknown>;
  private cellCount = 0;
  private runCount = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Where the code of recent cells came from, to place errors thrown later by their functions. */
  private readonly recent = new Map<string, CellPositions>();

  constructor(opts: CellEvaluatorOptions = {}) {
    this.cwd = opts.cwd ?? process.cwd();
    this.fallbackDirs = opts.fallbackDirs ?? [];
    this.importModule = opts.importModule ?? ((url) => import(url) as Promise<unknown>);
    this.scope = Object.create(null) as Record<string, unknown>;
    Object.assign(this.scope, opts.context ?? {});
  }

  /** Runs one cell; rejects with an EvaluationError when it does not parse or throws. */
  evaluate(code: string, opts: EvaluateOptions = {}): Promise<CellResult> {
    const cellId = opts.cellId ?? `cell-${++this.cellCount}`;
    const run = this.queue.then(() => runInCell(cellId, () => this.run(code, cellId)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Forgets the cell that is running: the next cell starts without waiting for it (an interrupt gave up on
   * it). Whatever it still does keeps its cell id.
   */
  interrupt(): void {
    this.queue = Promise.resolve();
  }

  /**
   * An error thrown after its cell finished (a running stream's function failed), placed like a cell's own
   * error: at the TypeScript line and column of the cell whose function threw (searched among recent cells).
   */
  explainError(e: unknown, cellId: string): EvaluationError {
    const stacks = [e, ...causesOf(e)].map((x) => (x instanceof Error && typeof x.stack === 'string' ? x.stack : '')).join('\n');
    const positions = [...this.recent.values()].reverse().find((p) => stacks.includes(p.filename));
    return this.runtimeError(e, cellId, positions ?? null);
  }

  /** Completions at `cursorPos` of `code`, over the persisted names and the members of their values. */
  complete(code: string, cursorPos: number): Completion {
    return completeCode(this.scope, code, cursorPos);
  }

  /** A short description of the name or member at `cursorPos`, or null when there is none. */
  inspect(code: string, cursorPos: number): string | null {
    return inspectCode(this.scope, code, cursorPos);
  }

  /** Whether `code` is a whole cell, unfinished (more lines would complete it), or wrong. */
  isComplete(code: string): Completeness {
    return isComplete(code);
  }

  private async run(code: string, cellId: string): Promise<CellResult> {
    const started = performance.now();
    const transpiled = await transpileCell(code);
    if (isTranspileFailure(transpiled)) {
      throw new EvaluationError({
        cellId,
        kind: 'syntax',
        ename: 'SyntaxError',
        evalue: transpiled.message,
        line: transpiled.line,
        column: transpiled.column,
        stack: `SyntaxError: ${transpiled.message}\n    at ${cellId}:${transpiled.line}:${transpiled.column}`,
        thrown: undefined,
      });
    }
    const filename = `rivulet-cell-${++this.runCount}-${cellId}.js`;
    let rewritten: RewrittenCell;
    try {
      rewritten = rewriteCell(transpiled.js);
    } catch (e) {
      // esbuild accepted what acorn does not: say where, in the cell's terms.
      const positions = new CellPositions(filename, cellId, '', transpiled.js, transpiled.map, (o) => o);
      const pos = typeof (e as { pos?: unknown }).pos === 'number' ? positions.fromJs((e as { pos: number }).pos) : undefined;
      const evalue = String((e as Error).message).replace(/ \(\d+:\d+\)$/, '');
      throw new EvaluationError({
        cellId,
        kind: 'syntax',
        ename: 'SyntaxError',
        evalue,
        line: pos?.line,
        column: pos?.column,
        stack: `SyntaxError: ${evalue}${pos === undefined ? '' : `\n    at ${cellId}:${pos.line}:${pos.column}`}`,
        thrown: e,
      });
    }
    const positions = new CellPositions(filename, cellId, rewritten.source, transpiled.js, transpiled.map, rewritten.jsOffset);
    for (const name of rewritten.names) if (!(name in this.scope)) this.scope[name] = undefined;
    this.remember(filename, positions);
    const result: { value?: unknown } = {};
    try {
      const fn = runInThisContext(rewritten.source, { filename }) as CellFunction;
      await fn(this.scope, (specifier) => this.load(specifier), result);
    } catch (e) {
      throw this.runtimeError(e, cellId, positions);
    }
    return { value: result.value, hasValue: rewritten.hasValue, durationMs: performance.now() - started };
  }

  private async load(specifier: string): Promise<unknown> {
    return this.importModule(this.resolve(specifier));
  }

  private resolve(specifier: string): string {
    try {
      return resolveCellImport(specifier, this.cwd);
    } catch (e) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) throw e;
      for (const dir of this.fallbackDirs) {
        try {
          return resolveCellImport(specifier, dir);
        } catch {
          // not there either
        }
      }
      throw e;
    }
  }

  private remember(filename: string, positions: CellPositions): void {
    this.recent.set(filename, positions);
    if (this.recent.size > MAX_REMEMBERED) this.recent.delete(this.recent.keys().next().value as string);
  }

  private runtimeError(e: unknown, cellId: string, positions: CellPositions | null): EvaluationError {
    const isError = e instanceof Error;
    const ename = isError ? e.name : 'Error';
    const evalue = isError ? e.message : String(e);
    const rawStack = isError && typeof e.stack === 'string' ? e.stack : `${ename}: ${evalue}`;
    if (positions === null) return new EvaluationError({ cellId, kind: 'runtime', ename, evalue, line: undefined, column: undefined, stack: rawStack, thrown: e });
    let at = positions.firstFrame(rawStack);
    let stack = positions.trimStack(rawStack);
    // An error a stream's task wraps (a map function that threw) has no cell frame of its own; its cause,
    // thrown by the cell's function, has: show where that was.
    for (let cause = isError ? e.cause : undefined, depth = 0; at === undefined && cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
      const causeStack = typeof cause.stack === 'string' ? cause.stack : '';
      at = positions.firstFrame(causeStack);
      if (at !== undefined) stack += `\nCaused by: ${positions.trimStack(causeStack)}`;
    }
    return new EvaluationError({ cellId, kind: 'runtime', ename, evalue, line: at?.line, column: at?.column, stack, thrown: e });
  }
}
