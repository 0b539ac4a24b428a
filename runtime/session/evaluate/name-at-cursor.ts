// The name or member chain (`env`, `env.fromEl`, `a?.b.c`) a cursor is on, and its value in a scope, for
// completion and inspection. Only names and property reads are followed: nothing in the cell is called.
export interface ChainAtCursor {
  /** The names before the last one: `["env"]` for `env.fro`; empty for a bare name. */
  readonly objectPath: readonly string[];
  /** The (partial) last name. */
  readonly name: string;
  /** Offsets of the last name in the code. */
  readonly start: number;
  readonly end: number;
  /** The chain hangs off something that is not a name (`f().x`, `[1].x`): its object is unknown. */
  readonly unknownObject: boolean;
}

const CHAIN = /((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*)([A-Za-z_$][\w$]*)?$/;

/** The chain ending at `cursorPos`; with `extend`, the name also takes the identifier characters after it. */
export function chainAt(code: string, cursorPos: number, extend: boolean): ChainAtCursor {
  const before = code.slice(0, cursorPos);
  const m = CHAIN.exec(before);
  const objectText = m?.[1] ?? '';
  const partial = m?.[2] ?? '';
  const tail = extend ? (/^[\w$]*/.exec(code.slice(cursorPos))?.[0] ?? '') : '';
  const chainStart = cursorPos - (m?.[0].length ?? 0);
  const charBefore = code.slice(0, chainStart).trimEnd().at(-1);
  const hangsOff = objectText === '' ? charBefore === '.' : /[)\]'"`.]/.test(charBefore ?? '');
  return {
    objectPath: objectText.split(/\s*\??\.\s*/).filter((s) => s !== ''),
    name: partial + tail,
    start: cursorPos - partial.length,
    end: cursorPos + tail.length,
    unknownObject: hangsOff,
  };
}

/** Follows `path` from the scope (then globalThis); `{ found: false }` when a step is missing. */
export function lookup(scope: Record<string, unknown>, path: readonly string[]): { found: boolean; value: unknown } {
  const [first, ...rest] = path;
  if (first === undefined) return { found: false, value: undefined };
  let value: unknown;
  if (first in scope) value = scope[first];
  else if (first in globalThis) value = (globalThis as Record<string, unknown>)[first];
  else return { found: false, value: undefined };
  for (const key of rest) {
    if (value === null || value === undefined) return { found: false, value: undefined };
    try {
      const holder = Object(value) as Record<string, unknown>;
      if (!(key in holder)) return { found: false, value: undefined };
      value = holder[key];
    } catch {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value };
}
