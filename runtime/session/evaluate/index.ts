// The cell evaluator's public surface, for the Jupyter kernel and the REPL.
export { CellEvaluator, type CellEvaluatorOptions, type EvaluateOptions, type CellResult } from './cell-evaluator.ts';
export { EvaluationError, type EvaluationErrorInit } from './evaluation-error.ts';
export { currentCell, runInCell } from './cell-context.ts';
export { isComplete, type Completeness } from './is-complete.ts';
export type { Completion } from './completion.ts';
