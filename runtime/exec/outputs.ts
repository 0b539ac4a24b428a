// The ways an operator instance's output reaches the next operator's instances: forward (same partition),
// hash (by key group, to every partition, carrying the watermark to all of them), and fan-out to several
// consumers. Each target is an InputGate and the channel number this sender has on it.
import { batchOf, type Batch, type RowKind } from './batch.ts';
import type { Output } from './operator.ts';
import type { InputGate } from './input-gate.ts';
import { userFunctionFailed } from '../operators/user-function-error.ts';

/** Where an output delivers: an InputGate, or a stand-in that forwards to a gate on another thread. */
export type GateLike = Pick<InputGate, 'receive' | 'receiveBarrier' | 'endChannel'>;

export interface Target {
  readonly gate: GateLike;
  readonly channel: number;
}

export class ForwardOutput implements Output {
  constructor(private readonly target: Target) {}
  push(b: Batch): void {
    this.target.gate.receive(b, this.target.channel);
  }
  barrier(id: number): void {
    this.target.gate.receiveBarrier(id, this.target.channel);
  }
  end(): void {
    this.target.gate.endChannel(this.target.channel);
  }
}

/** Routes each row to the partition that owns its key; every partition gets the watermark. */
export class HashOutput implements Output {
  private lastWm = NaN;
  private lastIdle = false;
  private scratch = new Int32Array(1024);

  constructor(
    private readonly targets: Target[],
    private readonly partitionOf: (row: unknown) => number,
  ) {}

  push(b: Batch): void {
    const n = b.rows.length;
    const targets = this.targets;
    if (n === 0) {
      if (b.wmEnd === this.lastWm && b.idle === this.lastIdle) return;
      this.remember(b);
      for (let p = 0; p < targets.length; p++) (targets[p] as Target).gate.receive(b, (targets[p] as Target).channel);
      return;
    }
    if (targets.length === 1) {
      this.remember(b);
      (targets[0] as Target).gate.receive(b, (targets[0] as Target).channel);
      return;
    }
    this.split(b);
  }

  barrier(id: number): void {
    for (const t of this.targets) t.gate.receiveBarrier(id, t.channel);
  }

  end(): void {
    for (const t of this.targets) t.gate.endChannel(t.channel);
  }

  private remember(b: Batch): void {
    this.lastWm = b.wmEnd;
    this.lastIdle = b.idle;
  }

  private split(b: Batch): void {
    const targets = this.targets;
    const p = targets.length;
    const rows = b.rows;
    const n = rows.length;
    const partitions = this.scratch.length >= n ? this.scratch : (this.scratch = new Int32Array(n * 2));
    const parts = new Array<unknown[]>(p);
    for (let j = 0; j < p; j++) parts[j] = [];
    const ts = b.ts === null ? null : emptyColumns<number>(p);
    const wm = b.wm === null ? null : emptyColumns<number>(p);
    const ops = b.ops === null ? null : emptyColumns<RowKind>(p);
    const partitionOf = this.partitionOf;
    let i = 0;
    try {
      for (; i < n; i++) partitions[i] = partitionOf(rows[i]);
    } catch (e) {
      throw userFunctionFailed('keyBy', rows[i], e);
    }
    for (i = 0; i < n; i++) {
      const row = rows[i];
      const j = partitions[i] as number;
      (parts[j] as unknown[]).push(row);
      if (ts !== null) (ts[j] as number[]).push((b.ts as number[])[i] as number);
      if (wm !== null) (wm[j] as number[]).push((b.wm as number[])[i] as number);
      if (ops !== null) (ops[j] as RowKind[]).push((b.ops as RowKind[])[i] as RowKind);
    }
    this.remember(b);
    for (let j = 0; j < p; j++) {
      const t = targets[j] as Target;
      const sub = batchOf(parts[j] as unknown[], b.wmEnd, ts && ts[j]!, wm && wm[j]!, ops && ops[j]!, b.idle);
      t.gate.receive(sub, t.channel);
    }
  }
}

function emptyColumns<T>(p: number): T[][] {
  const cols = new Array<T[]>(p);
  for (let j = 0; j < p; j++) cols[j] = [];
  return cols;
}

/** The same batch to every consumer (receivers never mutate batches). */
export class FanOutOutput implements Output {
  constructor(private readonly outputs: Output[]) {}
  push(b: Batch): void {
    const outputs = this.outputs;
    for (let i = 0; i < outputs.length; i++) (outputs[i] as Output).push(b);
  }
  barrier(id: number): void {
    for (const o of this.outputs) o.barrier(id);
  }
  end(): void {
    for (const o of this.outputs) o.end();
  }
}
