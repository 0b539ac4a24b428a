// Which thread runs which operator instance: thread 0 is the main thread (sinks, single-instance steps, and the
// sources with the steps before the first hash exchange unless they are replicated); partition i of a node in
// the worker region runs on worker 1 + (i mod workers). Replicated nodes (source-replication.ts) run on every
// worker, and what they send towards a partition another worker owns is dropped: that worker computes the same
// rows itself. The same rule on every thread gives every thread the same picture.
import type { Placement } from '../physical-plan.ts';
import type { InputGate } from '../input-gate.ts';
import type { GateLike } from '../outputs.ts';
import { RemoteGate } from './remote-gate.ts';
import type { Link } from './messages.ts';

/** Where a replicated node's rows for another worker's partitions go. */
const DROP: GateLike = { receive() {}, receiveBarrier() {}, endChannel() {} };

export class ThreadPlacement implements Placement {
  /** Local gates by gate id: where gate messages from other threads are delivered. */
  readonly gates: (InputGate | undefined)[] = [];
  private readonly region: Set<number>;
  private readonly replicated: Set<number>;

  constructor(
    region: readonly number[],
    private readonly workers: number,
    private readonly self: number,
    private readonly linkTo: (thread: number) => Link,
    private readonly posted: (thread: number) => void = () => {},
    replicated: readonly number[] = [],
  ) {
    this.region = new Set(region);
    this.replicated = new Set(replicated);
  }

  /** The thread that runs instance `partition` of a node; -1 for replicated nodes (every worker). */
  ownerOf(nodeIndex: number, partition: number): number {
    if (this.replicated.has(nodeIndex)) return -1;
    return this.region.has(nodeIndex) ? 1 + (partition % this.workers) : 0;
  }

  owns(nodeIndex: number, partition: number): boolean {
    const owner = this.ownerOf(nodeIndex, partition);
    return owner === this.self || (owner === -1 && this.self !== 0);
  }

  remote(gateId: number, nodeIndex: number, partition: number): GateLike {
    const thread = this.ownerOf(nodeIndex, partition);
    // The main thread builds the replicated nodes' gates too but never feeds them.
    if (thread === -1) return DROP;
    return new RemoteGate(this.linkTo(thread), gateId, () => this.posted(thread));
  }

  local(gateId: number, gate: InputGate): void {
    this.gates[gateId] = gate;
  }

  route(fromNodeIndex: number, gate: GateLike): GateLike {
    return this.replicated.has(fromNodeIndex) && gate instanceof RemoteGate ? DROP : gate;
  }
}
