// The worker's side of encode-value.ts: rebuilds functions from their source text (with the Rivulet names
// they may use in scope), helpers from the builtin table, and objects and arrays member by member.
import type { WireValue } from './encode-value.ts';
import { builtin } from './builtins.ts';
import type { RIVULET_NAMES } from './rivulet-names.ts';
import { agg } from '../../operators/aggregates/builtins.ts';
import { Windows } from '../../time/windows/window-assigner.ts';
import { OutputTag } from '../../operators/process/output-tag.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';

const scope: Record<(typeof RIVULET_NAMES)[number], unknown> = { agg, Windows, OutputTag, RivuletError, __name: (f: unknown) => f };
const names = Object.keys(scope);
const values = Object.values(scope);

export function decodeValue(w: WireValue): unknown {
  switch (w.t) {
    case 'v':
      return w.v;
    case 'fn':
      return new Function(...names, `"use strict"; return ${w.src};`)(...values) as unknown;
    case 'b':
      return builtin(w.name)(...w.args.map(decodeValue));
    case 'a':
      return w.items.map(decodeValue);
    case 'o': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of w.props) o[k] = decodeValue(v);
      return o;
    }
  }
}
