// Stable operator ids: what a snapshot names an operator's state by. A node's id is its uid when the user set
// one (Flink's .uid('name')), else a hash of what it does and of its inputs' ids, so that adding a sink or an
// unrelated branch leaves existing ids unchanged, while changing an operator or anything upstream of it
// changes its id (and a restore then names the operator that differs).
import { createHash } from 'node:crypto';
import type { LogicalNode } from './node.ts';

export function operatorIds(order: LogicalNode[]): Map<LogicalNode, string> {
  const ids = new Map<LogicalNode, string>();
  const seen = new Map<string, number>();
  for (const n of order) {
    if (n.uid !== undefined) {
      ids.set(n, n.uid);
      continue;
    }
    const inputs = n.upstream.map((u) => ids.get(u) ?? '?');
    const side = n.sideOf ? `side:${n.sideOf.name}` : '';
    const base = createHash('sha256').update([n.kind, n.label, side, ...inputs].join('\u0001')).digest('hex').slice(0, 12);
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    ids.set(n, k === 0 ? `${n.kind}-${base}` : `${n.kind}-${base}-${k}`);
  }
  return ids;
}
