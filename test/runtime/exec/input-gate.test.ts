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

describe('InputGate checkpoint barrier alignment', () => {
  function aligned(channels: number): [InputGate, Probe, string[]] {
    const [g, p] = gate(channels);
    const log: string[] = [];
    const process = p.process.bind(p);
    p.process = (b) => {
      if (b.rows.length > 0) log.push(`rows ${b.rows.join(',')}`);
      process(b);
    };
    g.onAligned = (id) => log.push(`snapshot ${id}`);
    return [g, p, log];
  }

  it('holds back a channel that has seen the barrier until every channel has, then snapshots and releases it', () => {
    const [g, , log] = aligned(2);
    g.receive(batchOf(['a1'], 0), 0);
    g.receiveBarrier(7, 0);
    g.receive(batchOf(['a2'], 1), 0);
    g.receive(batchOf(['b1'], 1), 1);
    expect(log).toEqual(['rows a1', 'rows b1']);
    g.receiveBarrier(7, 1);
    expect(log).toEqual(['rows a1', 'rows b1', 'snapshot 7', 'rows a2']);
  });

  it('snapshots at once with a single channel', () => {
    const [g, , log] = aligned(1);
    g.receive(batchOf(['x'], 0), 0);
    g.receiveBarrier(1, 0);
    g.receive(batchOf(['y'], 0), 0);
    expect(log).toEqual(['rows x', 'snapshot 1', 'rows y']);
  });

  it('counts an ended channel as aligned, and releases a held end of input in order', () => {
    const [g, p, log] = aligned(3);
    g.receiveBarrier(2, 0);
    g.endChannel(0);
    g.receiveBarrier(2, 1);
    expect(log).toEqual([]);
    g.endChannel(2);
    expect(log).toEqual(['snapshot 2']);
    expect(p.finished).toBe(0);
    g.endChannel(1);
    expect(p.finished).toBe(1);
  });

  it('holds a second barrier that arrives on an aligned channel until the first completes', () => {
    const [g, , log] = aligned(2);
    g.receiveBarrier(1, 0);
    g.receiveBarrier(2, 0);
    g.receive(batchOf(['after 2'], 0), 0);
    g.receiveBarrier(1, 1);
    // Released after checkpoint 1, barrier 2 starts the next alignment, which holds the rows behind it.
    expect(log).toEqual(['snapshot 1']);
    g.receiveBarrier(2, 1);
    expect(log).toEqual(['snapshot 1', 'snapshot 2', 'rows after 2']);
  });
});
