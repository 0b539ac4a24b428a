// Errors across threads: a worker sends what it caught as a WireError; the main thread rebuilds a RivuletError
// with the same code and message (USER_FUNCTION_FAILED stays USER_FUNCTION_FAILED), or a plain Error.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { catalog, type ErrorCode } from '../../errors/catalog.ts';
import type { WireError } from './messages.ts';

export function toWireError(e: unknown): WireError {
  if (e instanceof RivuletError) return { name: e.name, message: e.message, code: e.code, hint: e.hint, ...(e.stack ? { stack: e.stack } : {}) };
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return { name: 'Error', message: String(e) };
}

export function fromWireError(w: WireError): Error {
  if (w.code !== undefined && w.code in catalog) {
    // Built without the constructor: the message was already made from the details on the worker.
    const e = Object.create(RivuletError.prototype) as RivuletError;
    Object.defineProperty(e, 'message', { value: w.message, writable: true, configurable: true });
    Object.defineProperty(e, 'stack', { value: w.stack ?? `RivuletError: ${w.message}`, writable: true, configurable: true });
    Object.assign(e, { name: 'RivuletError', code: w.code as ErrorCode, hint: w.hint ?? '' });
    return e;
  }
  const e = new Error(w.message);
  e.name = w.name;
  if (w.stack) e.stack = w.stack;
  return e;
}
