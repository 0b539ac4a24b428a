// Whether a cell's text is whole: 'complete' (run it), 'incomplete' (the user is mid-statement: an open
// bracket, block, template literal or comment, a dangling operator — a front end asks for another line), or
// 'invalid' (wrong before its end: running it would report a syntax error). esbuild parses the TypeScript;
// an error at the end of the input means unfinished. A quote string cannot span lines, so an unterminated
// '...' or "..." is invalid while an unterminated `...` is incomplete; acorn's tokenizer tells them apart.
import { tokenizer } from 'acorn';
import { transpileCellSync, isTranspileFailure } from './transpile.ts';

export type Completeness = 'complete' | 'incomplete' | 'invalid';

export function isComplete(code: string): Completeness {
  if (code.trim() === '') return 'complete';
  const r = transpileCellSync(code);
  if (!isTranspileFailure(r)) return 'complete';
  if (!r.atEnd) return 'invalid';
  if (/unterminated string/i.test(r.message)) return unterminatedTemplate(code) ? 'incomplete' : 'invalid';
  return 'incomplete';
}

function unterminatedTemplate(code: string): boolean {
  try {
    for (const _ of tokenizer(code, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true })) {
      // read every token
    }
    return false;
  } catch (e) {
    return /unterminated template/i.test(String((e as Error).message));
  }
}
