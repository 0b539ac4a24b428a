// Turns a recipe argument into a structured-cloneable form for a worker: user functions as checked source
// text, Rivulet helpers as builtin references (graph/portable.ts), plain objects and arrays member by member, other
// values as they are (structured clone). A function that captures a variable is refused here, on the main
// thread, naming the step and the variable.
import { RivuletError } from '../../errors/rivulet-error.ts';
import { parseFunction } from './closure-check.ts';
import { portableRef } from '../../graph/portable.ts';

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
  if (hasMethods(value)) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'a class';
    throw new RivuletError('THREADS_FUNCTION_NOT_PORTABLE', { step, problem: `it is an instance of ${name}, whose methods cannot be sent to a worker; pass a plain object literal of functions instead` });
  }
  return { t: 'v', v: value };
}

/** Whether a class instance carries behaviour (methods on its prototype chain or functions in its fields). */
function hasMethods(value: object): boolean {
  if (value instanceof Date || value instanceof RegExp || value instanceof Map || value instanceof Set || ArrayBuffer.isView(value)) return false;
  if (Object.values(value).some((v) => typeof v === 'function')) return true;
  for (let p = Object.getPrototypeOf(value) as object | null; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    if (Object.getOwnPropertyNames(p).some((k) => k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, k)?.value === 'function')) return true;
  }
  return false;
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
