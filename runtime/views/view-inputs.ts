// Which stream each view shows: explain() follows a view back to the window operator that made its rows.
import type { LogicalNode } from '../graph/node.ts';
import type { View } from './view.ts';

const inputs = new WeakMap<View<any>, LogicalNode>();

export function setViewInput(view: View<any>, node: LogicalNode): void {
  inputs.set(view, node);
}

export function viewInputOf(view: View<any>): LogicalNode | undefined {
  return inputs.get(view);
}
