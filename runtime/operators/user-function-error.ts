// Wraps an exception thrown by a user's function into a RivuletError that names the step and the record.
import { RivuletError } from '../errors/rivulet-error.ts';

export function userFunctionFailed(operation: string, record: unknown, cause: unknown): RivuletError {
  if (cause instanceof RivuletError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const err = new RivuletError('USER_FUNCTION_FAILED', { operation, record, message });
  (err as Error & { cause?: unknown }).cause = cause;
  return err;
}
