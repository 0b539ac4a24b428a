// esbuild folds a constant string expression ('a' + 'b') into a string literal and then drops it as a
// would-be directive, so a cell ending with one would show no value. When the cell is plain JavaScript that
// ends with an expression statement and esbuild's output lost it, the expression is wrapped in String(...)
// (the value was a string) so that it survives and stays the cell's value.
import { parse, type Program } from 'acorn';

/** The cell with its last expression wrapped in String(...), or null when nothing was dropped that way. */
export function keepDroppedString(code: string, js: string): string | null {
  const source = lastExpression(code);
  if (source === null) return null;
  if (lastExpression(js) !== null) return null;
  return `${code.slice(0, source.start)}String(${code.slice(source.start, source.end)})${code.slice(source.end)}`;
}

/** The span of the last top-level statement when it is an expression statement; null otherwise. */
function lastExpression(code: string): { start: number; end: number } | null {
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true });
  } catch {
    return null;
  }
  const last = program.body.at(-1);
  if (last === undefined || last.type !== 'ExpressionStatement') return null;
  return { start: last.expression.start, end: last.expression.end };
}
