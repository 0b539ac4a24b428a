// explain(view, { key, windowStart }): which input records made one row of a view of a keyed window
// aggregate, which came too late for that window, and the watermark it fired at. Needs env.enableLineage()
// before the job ran; says so (RivuletError) when lineage was off, when the view is not of a keyed
// event-time window (tumbling or sliding), or when that window was never seen.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { LogicalNode } from '../graph/node.ts';
import { View } from '../views/view.ts';
import { viewInputOf } from '../views/view-inputs.ts';
import { entryId, windowLineageOf } from './lineage-store.ts';
import { Explanation } from './explanation.ts';

export interface ExplainTarget {
  /** The row's key (as in the view's key column). */
  key: unknown;
  /** The row's windowStart (ms). */
  windowStart: number;
}

/** Nodes a view may sit behind a window through: they keep the window's rows recognizable. */
const THROUGH = new Set(['filter', 'take']);

export function explain(view: View<any>, target: ExplainTarget): Explanation {
  if (!(view instanceof View)) throw new RivuletError('BAD_ARGUMENT', { where: 'explain', name: 'the view', expected: 'a view (stream.view() or env.view(name))', got: view });
  if (typeof target !== 'object' || target === null) {
    throw new RivuletError('BAD_ARGUMENT', { where: 'explain', name: 'the row', expected: '{ key, windowStart }', got: target });
  }
  const { key, windowStart } = target;
  if (typeof windowStart !== 'number' || !Number.isFinite(windowStart)) {
    throw new RivuletError('BAD_ARGUMENT', { where: 'explain', name: 'windowStart', expected: 'the window start of a row (ms)', got: windowStart });
  }
  const node = windowNode(view);
  const lineage = windowLineageOf(node);
  if (lineage === undefined) throw new RivuletError('LINEAGE_OFF');
  if (!lineage.supported) {
    throw new RivuletError('LINEAGE_UNSUPPORTED', { problem: `the view "${view.name}" shows "${node.label}"; lineage covers keyed event-time tumbling and sliding windows, not windowAll, session or processing-time windows` });
  }
  const entry = lineage.entries.get(entryId(key, windowStart));
  if (entry === undefined) {
    const same = JSON.stringify(key);
    const known = [...lineage.entries.values()].filter((e) => JSON.stringify(e.key) === same).map((e) => e.windowStart).sort((a, b) => a - b);
    throw new RivuletError('LINEAGE_NO_ROW', { key, windowStart, known: known.length > 0 ? known.slice(0, 10).join(', ') + (known.length > 10 ? ', ...' : '') : undefined });
  }
  const result = view.rows().find((r) => {
    const row = r as { key?: unknown; windowStart?: unknown };
    return row.windowStart === windowStart && JSON.stringify(row.key) === JSON.stringify(key);
  });
  return new Explanation(entry, result);
}

function windowNode(view: View<any>): LogicalNode {
  let node = viewInputOf(view);
  while (node !== undefined && THROUGH.has(node.kind) && node.inputs.length === 1) node = node.inputs[0];
  if (node === undefined || node.kind !== 'window') {
    const what = node === undefined ? 'no stream' : `"${node.label}"`;
    throw new RivuletError('LINEAGE_UNSUPPORTED', { problem: `the view "${view.name}" shows ${what}, not the results of a window` });
  }
  return node;
}
