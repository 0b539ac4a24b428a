// Inspection at a cursor (Jupyter's Shift-Tab, the REPL's help): the name or member under the cursor, what
// it is (a function's signature, a class and what it extends, an object's constructor, a primitive's type)
// and a short summary of its value.
import { inspect } from 'node:util';
import { chainAt, lookup } from './name-at-cursor.ts';

const MAX_SUMMARY = 600;

export function inspectCode(scope: Record<string, unknown>, code: string, cursorPos: number): string | null {
  const at = chainAt(code, cursorPos, true);
  if (at.unknownObject || at.name === '') return null;
  const path = [...at.objectPath, at.name];
  const found = lookup(scope, path);
  if (!found.found) return null;
  return `${path.join('.')}: ${describe(found.value)}`;
}

/** One line saying what `v` is, then (for objects and primitives) its value in short. */
export function describe(v: unknown): string {
  if (typeof v === 'function') return signature(v);
  const summary = inspect(v, { depth: 1, maxArrayLength: 10, maxStringLength: 200, breakLength: 100 });
  const short = summary.length > MAX_SUMMARY ? `${summary.slice(0, MAX_SUMMARY)}…` : summary;
  if (v === null || typeof v !== 'object') return `${v === null ? 'null' : typeof v}\n${short}`;
  const ctor = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return `${typeof ctor === 'string' && ctor !== '' ? ctor : 'Object'}\n${short}`;
}

function signature(f: Function): string {
  let text: string;
  try {
    text = Function.prototype.toString.call(f);
  } catch {
    text = '';
  }
  if (/^class\b/.test(text)) {
    const parent = (Object.getPrototypeOf(f) as { name?: string } | null)?.name;
    return `class ${f.name}${parent ? ` extends ${parent}` : ''}`;
  }
  const params = /^[^(]*\(([^)]*)\)/.exec(text)?.[1] ?? /^(?:async\s+)?([\w$]+)\s*=>/.exec(text)?.[1] ?? '';
  const kind = /^async\b/.test(text) ? 'async function' : 'function';
  return `${kind} ${f.name || '(anonymous)'}(${params.replace(/\s+/g, ' ').trim()})`;
}
