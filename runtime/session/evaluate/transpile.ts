// TypeScript to JavaScript for one cell, with esbuild: types are stripped, never checked (a type error never
// blocks a cell). Imports are kept as written (verbatimModuleSyntax), so a cell that only imports still binds
// its names. The source map ties the JavaScript back to the cell's own lines and columns.
import { transform, transformSync, type Message } from 'esbuild';
import { keepDroppedString } from './dropped-string.ts';

export interface Transpiled {
  readonly js: string;
  /** esbuild's source map (v3 JSON) from `js` to the cell's TypeScript. */
  readonly map: string;
}

/** A TypeScript syntax error, at a 1-based line and column of the cell. */
export interface TranspileFailure {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Whether the error is at the end of the input (the code is unfinished rather than wrong). */
  readonly atEnd: boolean;
}

const options = {
  loader: 'ts',
  format: 'esm',
  target: 'es2022',
  sourcemap: 'external',
  sourcefile: 'cell.ts',
  tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
} as const;

export async function transpileCell(code: string): Promise<Transpiled | TranspileFailure> {
  try {
    const r = await transform(code, options);
    const kept = keepDroppedString(code, r.code);
    if (kept !== null) {
      const again = await transform(kept, options);
      return { js: again.code, map: again.map };
    }
    return { js: r.code, map: r.map };
  } catch (e) {
    return failureOf(e, code);
  }
}

export function transpileCellSync(code: string): Transpiled | TranspileFailure {
  try {
    const r = transformSync(code, options);
    return { js: r.code, map: r.map };
  } catch (e) {
    return failureOf(e, code);
  }
}

export function isTranspileFailure(r: Transpiled | TranspileFailure): r is TranspileFailure {
  return 'atEnd' in r;
}

function failureOf(e: unknown, code: string): TranspileFailure {
  const errors = (e as { errors?: Message[] }).errors;
  const first = errors?.[0];
  if (first === undefined) throw e;
  const loc = first.location;
  const line = loc?.line ?? 1;
  const column = (loc?.column ?? 0) + 1;
  const lines = code.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + (loc?.column ?? 0);
  const atEnd = /end of file/i.test(first.text) || code.slice(offset).trim() === '';
  return { message: first.text, line, column, atEnd };
}
