// The stand-in for an operator instance's input gate that lives on another thread: what an output pushes to
// it is posted to that thread as a gate message (batches in their wire form, buffers transferred).
import type { Batch } from '../batch.ts';
import type { GateLike } from '../outputs.ts';
import { toWire } from './batch-wire.ts';
import type { GateMessage, Link } from './messages.ts';

export class RemoteGate implements GateLike {
  constructor(
    private readonly link: Link,
    private readonly gateId: number,
    /** Called after each post (the main thread counts messages in flight per worker). */
    private readonly posted: () => void = () => {},
  ) {}

  receive(b: Batch, ch: number): void {
    const { wire, transfer } = toWire(b);
    this.post({ t: 'batch', g: this.gateId, c: ch, b: wire }, transfer);
  }

  receiveBarrier(id: number, ch: number): void {
    this.post({ t: 'barrier', g: this.gateId, c: ch, id });
  }

  endChannel(ch: number): void {
    this.post({ t: 'end', g: this.gateId, c: ch });
  }

  private post(m: GateMessage, transfer: ArrayBuffer[] = []): void {
    this.link.postMessage(m, transfer);
    this.posted();
  }
}
