// Completion at a cursor: after `obj.` (or `obj.pre`) the members of obj's value, own and inherited (its
// class's methods included, Object's own left out); otherwise the persisted names, the globals and the
// keywords. Names starting with "_" (internals) are offered only when the typed prefix starts with "_".
import { chainAt, lookup } from './name-at-cursor.ts';
import { SCOPE, IMPORT, RESULT } from './rewrite-cell.ts';

export interface Completion {
  readonly matches: string[];
  /** The range of `code` a chosen match replaces. */
  readonly cursorStart: number;
  readonly cursorEnd: number;
}

const KEYWORDS = [
  'await', 'async', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'delete', 'do', 'else',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new',
  'null', 'of', 'return', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var', 'void',
  'while', 'yield', 'interface', 'type', 'enum',
];
const HIDDEN = new Set([SCOPE, IMPORT, RESULT]);

export function completeCode(scope: Record<string, unknown>, code: string, cursorPos: number): Completion {
  const at = chainAt(code, cursorPos, false);
  const none = { matches: [], cursorStart: at.start, cursorEnd: cursorPos };
  if (at.unknownObject) return none;
  let candidates: Iterable<string>;
  if (at.objectPath.length > 0) {
    const target = lookup(scope, at.objectPath);
    if (!target.found || target.value === null || target.value === undefined) return none;
    candidates = memberNames(target.value);
  } else {
    candidates = [...Object.keys(scope), ...Object.getOwnPropertyNames(globalThis), ...KEYWORDS];
  }
  const matches = [...new Set(candidates)]
    .filter((n) => n.startsWith(at.name) && !HIDDEN.has(n) && (at.name.startsWith('_') || !n.startsWith('_')))
    .sort((a, b) => a.localeCompare(b));
  return { matches, cursorStart: at.start, cursorEnd: cursorPos };
}

/** Every identifier-like property name of `value` and its prototypes, up to (not including) Object's and Function's. */
export function memberNames(value: unknown): string[] {
  const names: string[] = [];
  for (let o: object | null = Object(value) as object; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const n of Object.getOwnPropertyNames(o)) if (n !== 'constructor' && /^[A-Za-z_$][\w$]*$/.test(n)) names.push(n);
  }
  return names;
}
