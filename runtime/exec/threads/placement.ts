// Which thread runs which operator instance: thread 0 is the main thread (sources, the steps before the first
// hash exchange, sinks, single-instance steps); partition i of a node in the worker region runs on worker
// 1 + (i mod workers). The same rule on every thread gives every thread the same picture.
import type { Placement } from '../physical-plan.ts';
import type { InputGate } from '../input-gate.ts';
import { RemoteGate } from './remote-gate.ts';
import type { Link } from './messages.ts';

export class ThreadPlacement implements Placement {
  /** Local gates by gate id: where gate messages from other threads are delivered. */
  readonly gates: (InputGate | undefined)[] = [];
  private readonly region: Set<number>;

  constructor(
    region: readonly number[],
    private readonly workers: number,
    private readonly self: number,
    private readonly linkTo: (thread: number) => Link,
    private readonly posted: (thread: number) => void = () => {},
  ) {
    this.region = new Set(region);
  }

  ownerOf(nodeIndex: number, partition: number): number {
    return this.region.has(nodeIndex) ? 1 + (partition % this.workers) : 0;
  }

  owns(nodeIndex: number, partition: number): boolean {
    return this.ownerOf(nodeIndex, partition) === this.self;
  }

  remote(gateId: number, nodeIndex: number, partition: number): RemoteGate {
    const thread = this.ownerOf(nodeIndex, partition);
    return new RemoteGate(this.linkTo(thread), gateId, () => this.posted(thread));
  }

  local(gateId: number, gate: InputGate): void {
    this.gates[gateId] = gate;
  }
}
