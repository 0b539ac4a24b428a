// Turns a recipe argument into a structured-cloneable form for a worker: user functions as checked source
// text, Rivulet helpers as builtin references (portable.ts), plain objects and arrays member by member, other
// values as they are (structured clone). A function that captures a variable is refused here, on the main
// thread, naming the step and the variable.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { parseFunction } from './closure-check.ts';
import { portableRef } from './portable.ts';

export type WireValue =
  | { readonly t: 'v'; readonly v: unknown }
  | { readonly t: 'fn'; readonly src: string }
  | { readonly t: 'b'; readonly name: string; readonly args: WireValue[] }
  | { readonly t: 'a'; readonly items: WireValue[] }
  | { readonly t: 'o'; readonly props: [string, WireValue][] };

export function encodeValue(value: unknown, step: string): WireValue {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return { t: 'v', v: value };
  const ref = portableRef(value);
  if (ref !== undefined) return { t: 'b', name: ref.builtin, args: ref.args.map((a) => encodeValue(a, step)) };
  if (typeof value === 'function') return { t: 'fn', src: functionSource(value, step) };
  if (Array.isArray(value)) return { t: 'a', items: value.map((v) => encodeValue(v, step)) };
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) {
    return { t: 'o', props: Object.entries(value).map(([k, v]): [string, WireValue] => [k, encodeValue(v, step)]) };
  }
  return { t: 'v', v: value };
}

function functionSource(f: Function, step: string): string {
  const parsed = parseFunction(f);
  if (parsed === null) {
    throw new RivuletError('THREADS_FUNCTION_NOT_PORTABLE', { step, problem: `its source text cannot be read (${f.name || 'a built-in or bound function'})` });
  }
  const captured = parsed.captured[0];
  if (captured !== undefined) throw new RivuletError('THREADS_CAPTURED_VARIABLE', { step, variable: captured });
  return parsed.expression;
}
