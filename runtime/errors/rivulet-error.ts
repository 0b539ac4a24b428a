// RivuletError: the one error type the public API throws. Every error has a stable code from the catalog
// (errors/catalog.ts), says what was wrong and what to do about it.
import { catalog, type ErrorCode } from './catalog.ts';

export class RivuletError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, detail: Record<string, unknown> = {}) {
    const entry = catalog[code];
    const what = entry.what(detail);
    const hint = entry.todo(detail);
    super(`${what} ${hint}`.trim());
    this.name = 'RivuletError';
    this.code = code;
    this.hint = hint;
  }
}

/** Throws a RivuletError with `code` unless `condition` holds. */
export function check(condition: unknown, code: ErrorCode, detail: Record<string, unknown> = {}): asserts condition {
  if (!condition) throw new RivuletError(code, detail);
}
