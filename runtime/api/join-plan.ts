// How a join reaches its operator: each input is tagged with its side (a map), keyed by its own key selector
// (a hash exchange), and both feed one keyed join node. The node's input gate merges the two inputs, so its
// watermark is the minimum of both, and all elements of one key meet in one partition.
import { LogicalNode } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { MapOperator } from '../operators/map.ts';
import { tagLeft, tagRight, type JoinSide, type Tagged } from '../operators/join/join-tag.ts';
import { DataStream } from './data-stream.ts';
import { portable } from '../graph/portable.ts';
import { keySourceOf } from './arguments.ts';

/** The two keyed, tagged inputs of a join node. */
export function joinInputs(
  left: LogicalNode,
  right: LogicalNode,
  leftKey: (row: any) => unknown,
  rightKey: (row: any) => unknown,
): [LogicalNode, LogicalNode] {
  return [tagged(left, 'left', leftKey), tagged(right, 'right', rightKey)];
}

const LEFT = portable((row: unknown) => tagLeft(row), 'tagLeft');
const RIGHT = portable((row: unknown) => tagRight(row), 'tagRight');

function tagged(input: LogicalNode, side: JoinSide, key: (row: any) => unknown): LogicalNode {
  const tag = new LogicalNode({
    kind: 'map',
    label: `tag as ${side} join input`,
    inputs: [input],
    parallelism: 'input',
    timestamps: input.timestamps,
    changelog: false,
    spec: { joinSide: side },
    create: (ctx) => new MapOperator(side === 'left' ? tagLeft : tagRight, ctx.out),
    recipe: () => ({ op: 'map', args: [side === 'left' ? LEFT : RIGHT] }),
  });
  return new LogicalNode({
    kind: 'keyBy',
    label: `keyBy ${side} join key`,
    inputs: [tag],
    parallelism: 'keyed',
    timestamps: input.timestamps,
    changelog: false,
    spec: { key: keySourceOf(key) ?? key },
    key: portable((t: Tagged<unknown, unknown>) => key(t.row), 'taggedRowKey', [key]),
  });
}

/** Checks the other input of a join: a stream of the same environment, append-only. */
export function checkJoinInput(where: string, self: DataStream<any>, other: unknown, expected = 'a DataStream'): void {
  if (!(other instanceof DataStream)) throw new RivuletError('BAD_ARGUMENT', { where, name: 'the other stream', expected, got: other });
  if (other.env !== self.env) throw new RivuletError('MIXED_ENVIRONMENTS');
  for (const s of [self, other]) if (s.node.changelog) throw new RivuletError('CHANGELOG_INPUT', { operation: where });
}
