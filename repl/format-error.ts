// How the REPL shows an error: never a crash, always what went wrong and where. A RivuletError gives its
// message (what was wrong, then what to do); an EvaluationError adds the line of the input it came from, with
// a caret under the column; anything else shows its name and message, plus the input's frames of its stack.
import { RivuletError } from '../runtime/index.ts';
import { EvaluationError } from '../runtime/session/evaluate/index.ts';

export function formatError(e: unknown, source?: string): string {
  if (e instanceof EvaluationError) return formatEvaluationError(e, source);
  if (e instanceof RivuletError) return `RivuletError [${e.code}]: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `Error: ${String(e)}`;
}

function formatEvaluationError(e: EvaluationError, source: string | undefined): string {
  const thrown = e.thrown;
  const head =
    thrown instanceof RivuletError
      ? `RivuletError [${thrown.code}]: ${thrown.message}`
      : e.kind === 'syntax'
        ? `SyntaxError: ${e.evalue}`
        : `${e.ename}: ${e.evalue}`;
  const at = e.line === undefined ? '' : sourceLine(source, e.line, e.column);
  const frames = e.kind === 'runtime' && !(thrown instanceof RivuletError) ? cellFrames(e) : '';
  return [head, at, frames].filter((s) => s !== '').join('\n');
}

/** "  at line 2: const x = foo(" with a caret under the column, when the source is known. */
function sourceLine(source: string | undefined, line: number, column: number | undefined): string {
  const text = source?.split('\n')[line - 1];
  if (text === undefined) return `  at line ${line}${column === undefined ? '' : `, column ${column}`}`;
  const label = `  at line ${line}: `;
  const caret = column === undefined ? '' : '\n' + ' '.repeat(label.length + Math.max(0, column - 1)) + '^';
  return label + text + caret;
}

/** The stack frames in the user's input (the evaluator already removed its own), beyond the first. */
function cellFrames(e: EvaluationError): string {
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at .*cell-\d+/.test(l));
  return frames.length > 1 ? frames.slice(1).join('\n') : '';
}
