// Tab completion for node:repl: dot-commands (and view names after `.view`) at the start of a line, otherwise
// names and members through the cell evaluator's complete(), which knows every persisted top-level name and
// the members of its value.
import type { CellEvaluator } from '../runtime/session/evaluate/index.ts';

export type CompleterResult = [string[], string];

export interface CompleterSources {
  readonly evaluator: CellEvaluator;
  /** The dot-commands, without the dot. */
  commands(): string[];
  /** The names of the views `.view` can open. */
  viewNames(): string[];
}

export function completeLine(sources: CompleterSources, line: string): CompleterResult {
  const view = /^\.view\s+(?:\S+\s+)*(\S*)$/.exec(line);
  if (view !== null) {
    const prefix = view[1] ?? '';
    return [sources.viewNames().filter((n) => n.startsWith(prefix)).sort(), prefix];
  }
  if (/^\.\w*$/.test(line)) {
    return [sources.commands().map((c) => '.' + c).filter((c) => c.startsWith(line)).sort(), line];
  }
  const c = sources.evaluator.complete(line, line.length);
  return [c.matches, line.slice(c.cursorStart, c.cursorEnd)];
}
