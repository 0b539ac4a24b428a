// The options of stream.view() and stream.chart(), checked: each problem is a RivuletError naming the option.
import { RivuletError } from '../errors/rivulet-error.ts';
import { isDisplayTarget, type DisplayTarget } from '../session/display-target.ts';
import type { KeyOption } from './primary-key.ts';
import { sortKeys, type SortOption } from './view-order.ts';
import type { ViewSettings } from './view.ts';

export interface ViewOptions {
  /** The view's name: env.view(name) finds it; a new view with the same name replaces it. */
  name?: string;
  /**
   * The primary key rows are materialized by: a field, several fields, or a function of the row. Default:
   * key + windowStart for window results, key for rows with a key field, none otherwise (an append-only
   * stream then keeps its last rows, a changelog matches retractions by content).
   */
  key?: KeyOption;
  /** Show only the first N rows by sortBy (or, without sortBy, the N most recent); default 50. */
  topN?: number;
  /** Sort by these fields, largest first unless { field, order: 'asc' }. */
  sortBy?: SortOption;
  /** Least time between two updates while the stream runs, on the environment's clock (default 250 ms). */
  refreshMs?: number;
  /** Most rows kept: an append-only view keeps the last maxRows (default 1000); a keyed one drops its oldest keys. */
  maxRows?: number;
  /** Width of the text rendering in columns (default: the terminal's, else 100). */
  width?: number;
  /** Where updates go (default: the registered display target, tslab's, or stdout); false for nowhere. */
  display?: DisplayTarget | false;
}

export const VIEW_OPTIONS = ['name', 'key', 'topN', 'sortBy', 'refreshMs', 'maxRows', 'width', 'display'] as const;

type Common = Omit<ViewSettings, 'name' | 'changelog'> & { name: string | undefined };

/** Checks the options every view takes; `known` are the names the caller accepts (others are refused). */
export function checkViewOptions(where: string, options: unknown, known: readonly string[]): Common {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw bad(where, 'the options', 'an object such as { name: "hot", topN: 10 }', options);
  }
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw bad(where, `option ${k}`, `one of ${known.join(', ')}`, k);
  }
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name.trim() === '')) throw bad(where, 'name', 'a non-empty string', o.name);
  const key = o.key;
  const keyOk =
    key === undefined ||
    typeof key === 'function' ||
    (typeof key === 'string' && key !== '') ||
    (Array.isArray(key) && key.length > 0 && key.every((f) => typeof f === 'string' && f !== ''));
  if (!keyOk) throw bad(where, 'key', 'a field name, an array of field names, or a function of the row', key);
  const refreshMs = o.refreshMs ?? 250;
  if (typeof refreshMs !== 'number' || !Number.isFinite(refreshMs) || refreshMs < 0) {
    throw bad(where, 'refreshMs', 'a non-negative number of milliseconds', refreshMs);
  }
  const positive = (name: string, min = 1): number | undefined => {
    const v = o[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw bad(where, name, `an integer of at least ${min}`, v);
    return v;
  };
  const display = o.display;
  if (display !== undefined && display !== false && !isDisplayTarget(display)) {
    throw bad(where, 'display', 'a display target ({ show(bundle, id), update(id, bundle) }) or false', display);
  }
  return {
    name: o.name as string | undefined,
    key: key as KeyOption | undefined,
    topN: positive('topN'),
    sortBy: sortKeys(where, o.sortBy as SortOption | undefined),
    refreshMs,
    maxRows: positive('maxRows'),
    width: positive('width', 20),
    display: display as DisplayTarget | false | undefined,
  };
}

function bad(where: string, name: string, expected: string, got: unknown): RivuletError {
  return new RivuletError('BAD_ARGUMENT', { where, name, expected, got });
}
