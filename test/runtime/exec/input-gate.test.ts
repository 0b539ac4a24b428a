import { describe, expect, it } from 'vitest';
import { InputGate } from '../../../runtime/exec/input-gate.ts';
import { batchOf, type Batch } from '../../../runtime/exec/batch.ts';
import type { Operator } from '../../../runtime/exec/operator.ts';

/** An operator that keeps what its gate hands it. */
class Probe implements Operator {
  readonly batches: Batch[] = [];
  finished = 0;
  process(b: Batch): void {
    this.batches.push(b);
  }
  finish(): void {
    this.finished++;
  }
  get last(): Batch | undefined {
    return this.batches.at(-1);
  }
  /** The watermark after each batch. */
  get watermarks(): number[] {
    return this.batches.map((b) => b.wmEnd);
  }
}

function gate(channels: number): [InputGate, Probe] {
  const g = new InputGate(channels);
  const p = new Probe();
  g.op = p;
  return [g, p];
}

const wm = (w: number, idle = false): Batch => batchOf([], w, null, null, null, idle);

describe('InputGate', () => {
  it('passes the batches of a single channel through and reports their watermark', () => {
    const [g, p] = gate(1);
    const b = batchOf(['x'], 7, [8], [3]);
    g.receive(b, 0);
    expect(p.batches).toEqual([b]);
    expect(g.watermark).toBe(7);
  });

  it('holds the merged watermark at the minimum over channels', () => {
    const [g, p] = gate(2);
    g.receive(wm(10), 0);
    expect(g.watermark).toBe(-Infinity);
    g.receive(wm(20), 1);
    expect(g.watermark).toBe(10);
    g.receive(wm(15), 0);
    expect(g.watermark).toBe(15);
    expect(p.watermarks).toEqual([-Infinity, 10, 15]);
  });

  it('gives each row the merged watermark in effect before it', () => {
    const [g, p] = gate(2);
    g.receive(wm(10), 0);
    g.receive(batchOf(['r0', 'r1', 'r2'], 25, [6, 8, 21], [5, 7, 20]), 1);
    expect(p.last).toEqual(batchOf(['r0', 'r1', 'r2'], 10, [6, 8, 21], [5, 7, 10]));
  });

  it('never moves the merged watermark backwards', () => {
    const [g, p] = gate(2);
    g.receive(wm(10), 0);
    g.receive(wm(20), 1);
    g.receive(wm(5, true), 0); // channel 0 goes idle: the minimum is channel 1's 20
    expect(g.watermark).toBe(20);
    g.receive(batchOf(['late'], 12, [12], [12]), 0); // back, at 12 < 20
    expect(p.last?.wm).toEqual([20]);
    expect(p.last?.wmEnd).toBe(20);
    expect(g.watermark).toBe(20);
    const ends = p.watermarks;
    expect(ends.every((w, i) => i === 0 || w >= (ends[i - 1] as number))).toBe(true);
  });

  it('leaves idle channels out of the minimum and counts them again once they send', () => {
    const [g] = gate(3);
    g.receive(wm(5, true), 0);
    g.receive(wm(30), 1);
    g.receive(wm(40), 2);
    expect(g.watermark).toBe(30);
    g.receive(batchOf(['r'], 35, [36], [35]), 0);
    g.receive(wm(50), 1);
    expect(g.watermark).toBe(35);
  });

  it('marks the merged input idle when every live channel is idle, keeping its watermark', () => {
    const [g, p] = gate(2);
    g.receive(wm(10), 0);
    g.receive(wm(20), 1);
    g.receive(wm(10, true), 0);
    expect(p.last).toMatchObject({ wmEnd: 20, idle: false });
    g.receive(wm(20, true), 1);
    expect(p.last).toMatchObject({ wmEnd: 20, idle: true });
    g.receive(batchOf(['r'], 30, [31], [30]), 1);
    expect(p.last).toMatchObject({ wmEnd: 30, idle: false });
  });

  it('counts an ended channel as +Infinity and finishes the operator once when every channel has ended', () => {
    const [g, p] = gate(2);
    g.receive(wm(10), 0);
    g.receive(wm(20), 1);
    g.endChannel(0);
    expect(p.last).toEqual(wm(20));
    expect(p.finished).toBe(0);
    expect(g.finished).toBe(false);
    g.receive(batchOf(['r'], 25, [26], [25]), 1);
    expect(p.last?.wmEnd).toBe(25);
    g.endChannel(0);
    g.endChannel(1);
    expect(p.finished).toBe(1);
    expect(g.finished).toBe(true);
    g.endChannel(1);
    expect(p.finished).toBe(1);
  });

  it('ignores batches that arrive on a channel after it ended', () => {
    const [g, p] = gate(2);
    g.endChannel(0);
    const before = p.batches.length;
    g.receive(batchOf(['ghost'], 100), 0);
    expect(p.batches).toHaveLength(before);
  });

  it('marks the input idle when the only channel left is idle', () => {
    const [g, p] = gate(2);
    g.receive(wm(10, true), 1);
    g.endChannel(0);
    expect(p.last).toMatchObject({ idle: true });
  });

  it('is finished at once with no channels', () => {
    expect(new InputGate(0).finished).toBe(true);
  });
});
