// An operator instance's input gate: it merges the channels that feed the instance (upstream partitions,
// several inputs of a union) into one logical input. The watermark of the merged input is the minimum over
// channels that are neither idle nor ended, and never goes backwards; each row gets the merged watermark in
// effect before it. When every channel has ended, the operator finishes.
//
// Checkpoint barriers are aligned here (Flink's aligned checkpoints): once barrier n has come in on a channel,
// that channel's later input is held back until barrier n has come in on every other channel (or it ended);
// then the instance snapshots its state (onAligned) and the held-back input is released in order.
import { batchOf, NO_WATERMARK, END_WATERMARK, type Batch } from './batch.ts';
import type { Operator } from './operator.ts';

type Held = { kind: 'batch'; batch: Batch } | { kind: 'barrier'; id: number } | { kind: 'end' };

export class InputGate {
  op: Operator | null = null;
  /** Called once barrier `id` has come in on every live channel: snapshot the instance, forward the barrier. */
  onAligned: (id: number) => void = () => {};
  private aligning: number | null = null;
  private seen: Uint8Array;
  private held: Held[][];
  private readonly wms: Float64Array;
  private readonly idle: Uint8Array;
  private readonly ended: Uint8Array;
  private endedCount = 0;
  private combined = NO_WATERMARK;
  private combinedIdle = false;

  constructor(readonly channels: number) {
    this.wms = new Float64Array(channels).fill(NO_WATERMARK);
    this.idle = new Uint8Array(channels);
    this.ended = new Uint8Array(channels);
    this.seen = new Uint8Array(channels);
    this.held = Array.from({ length: channels }, () => []);
  }

  get finished(): boolean {
    return this.channels === 0 || this.endedCount === this.channels;
  }

  get watermark(): number {
    return this.channels === 1 ? this.wms[0] as number : this.combined;
  }

  receive(b: Batch, ch: number): void {
    const op = this.op as Operator;
    if (this.ended[ch] === 1) return;
    if (this.aligning !== null && this.seen[ch] === 1) {
      (this.held[ch] as Held[]).push({ kind: 'batch', batch: b });
      return;
    }
    if (this.channels === 1) {
      this.wms[0] = b.wmEnd;
      op.process(b);
      return;
    }
    op.process(this.merge(b, ch));
  }

  receiveBarrier(id: number, ch: number): void {
    if (this.ended[ch] === 1) return;
    if (this.aligning !== null && this.seen[ch] === 1) {
      (this.held[ch] as Held[]).push({ kind: 'barrier', id });
      return;
    }
    if (this.channels === 1) {
      this.onAligned(id);
      return;
    }
    this.aligning ??= id;
    this.seen[ch] = 1;
    this.checkAligned();
  }

  /** Channel `ch` sends nothing more; its watermark counts as +Infinity from now on. */
  endChannel(ch: number): void {
    if (this.ended[ch] === 1) return;
    if (this.aligning !== null && this.seen[ch] === 1) {
      (this.held[ch] as Held[]).push({ kind: 'end' });
      return;
    }
    this.end(ch);
    if (this.aligning !== null) this.checkAligned();
  }

  private checkAligned(): void {
    const id = this.aligning as number;
    for (let c = 0; c < this.channels; c++) if (this.seen[c] === 0 && this.ended[c] === 0) return;
    this.aligning = null;
    this.seen.fill(0);
    this.onAligned(id);
    const held = this.held;
    this.held = Array.from({ length: this.channels }, () => []);
    for (let c = 0; c < this.channels; c++) {
      for (const h of held[c] as Held[]) {
        if (h.kind === 'batch') this.receive(h.batch, c);
        else if (h.kind === 'barrier') this.receiveBarrier(h.id, c);
        else this.endChannel(c);
      }
    }
  }

  private end(ch: number): void {
    this.ended[ch] = 1;
    this.endedCount++;
    this.wms[ch] = END_WATERMARK;
    const op = this.op as Operator;
    if (this.endedCount === this.channels) {
      op.finish();
      return;
    }
    const before = this.combined;
    const wasIdle = this.combinedIdle;
    this.recompute();
    if (this.combined !== before || this.combinedIdle !== wasIdle) {
      op.process(batchOf([], this.combined, null, null, null, this.combinedIdle));
    }
  }

  private merge(b: Batch, ch: number): Batch {
    const n = b.rows.length;
    let wm: number[] | null = null;
    if (b.wm !== null && n > 0) {
      wm = new Array<number>(n);
      const src = b.wm;
      let last = NaN;
      for (let i = 0; i < n; i++) {
        const w = src[i] as number;
        if (w !== last) {
          last = w;
          this.idle[ch] = 0;
          this.wms[ch] = w;
          this.recompute();
        }
        wm[i] = this.combined;
      }
    } else if (n > 0) {
      this.idle[ch] = 0;
    }
    this.wms[ch] = b.wmEnd;
    this.idle[ch] = b.idle ? 1 : 0;
    this.recompute();
    return batchOf(b.rows, this.combined, b.ts, wm, b.ops, this.combinedIdle);
  }

  private recompute(): void {
    let min = Infinity;
    let active = 0;
    for (let c = 0; c < this.channels; c++) {
      if (this.ended[c] === 1 || this.idle[c] === 1) continue;
      active++;
      const w = this.wms[c] as number;
      if (w < min) min = w;
    }
    if (active === 0) {
      this.combinedIdle = this.endedCount < this.channels;
      if (!this.combinedIdle) this.combined = END_WATERMARK;
      return;
    }
    this.combinedIdle = false;
    if (min > this.combined) this.combined = min;
  }
}
