// The error a cell ends with: what the cell threw (or why it did not parse), at the cell's own TypeScript
// line and column, with a stack that names the cell and stops where the evaluator's own frames begin.
export interface EvaluationErrorInit {
  readonly cellId: string;
  readonly kind: 'syntax' | 'runtime';
  /** The thrown value's name: "TypeError", "RivuletError", "SyntaxError"; "Error" for a thrown non-error. */
  readonly ename: string;
  /** The thrown value's own message (or the thrown value as text). */
  readonly evalue: string;
  /** 1-based line and column in the cell, when known. */
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The stack with the cell's frames shown as `cellId:line:column` and the evaluator's frames removed. */
  readonly stack: string;
  /** What the cell threw. */
  readonly thrown: unknown;
}

export class EvaluationError extends Error {
  readonly cellId: string;
  readonly kind: 'syntax' | 'runtime';
  readonly ename: string;
  readonly evalue: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly thrown: unknown;

  constructor(init: EvaluationErrorInit) {
    const where = init.line === undefined ? '' : ` (${init.cellId}:${init.line}:${init.column ?? 1})`;
    super(`${init.ename}: ${init.evalue}${where}`, { cause: init.thrown });
    this.name = 'EvaluationError';
    this.cellId = init.cellId;
    this.kind = init.kind;
    this.ename = init.ename;
    this.evalue = init.evalue;
    this.line = init.line;
    this.column = init.column;
    this.thrown = init.thrown;
    this.stack = init.stack;
  }

  /** Jupyter's error traceback: the trimmed stack, one entry a line. */
  get traceback(): string[] {
    return (this.stack ?? '').split('\n');
  }
}
