// Checks the function given to keyed.process(): a function (processElement alone) or an object with
// processElement and optionally open, onTimer and close, all functions.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { ProcessFunctionLike } from '../operators/process/process-function.ts';

const EXPECTED = 'a function (value, ctx, out) => void or an object { processElement, onTimer?, open?, close? }';

export function processFunctionArg<K, I, O>(f: unknown): ProcessFunctionLike<K, I, O> {
  const bad = (got: unknown = f): RivuletError =>
    new RivuletError('BAD_ARGUMENT', { where: 'process', name: 'the process function', expected: EXPECTED, got });
  if (typeof f === 'function') return f as ProcessFunctionLike<K, I, O>;
  if (typeof f !== 'object' || f === null) throw bad();
  const o = f as Record<string, unknown>;
  if (typeof o.processElement !== 'function') throw bad();
  for (const m of ['open', 'onTimer', 'close']) {
    if (o[m] !== undefined && typeof o[m] !== 'function') {
      throw new RivuletError('BAD_ARGUMENT', { where: 'process', name: `the process function's ${m}`, expected: 'a function', got: o[m] });
    }
  }
  return f as ProcessFunctionLike<K, I, O>;
}
