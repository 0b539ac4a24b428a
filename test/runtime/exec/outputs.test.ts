import { describe, expect, it } from 'vitest';
import { ForwardOutput, HashOutput, FanOutOutput, type Target } from '../../../runtime/exec/outputs.ts';
import { InputGate } from '../../../runtime/exec/input-gate.ts';
import { batchOf, type Batch } from '../../../runtime/exec/batch.ts';
import type { Operator } from '../../../runtime/exec/operator.ts';
import { createPartitioner } from '../../../runtime/exec/partitioning/index.ts';
import { RivuletError } from '../../../runtime/index.ts';
import { RecordingOutput } from '../../helpers/operator-harness.ts';

class Probe implements Operator {
  readonly batches: Batch[] = [];
  finished = 0;
  process(b: Batch): void {
    this.batches.push(b);
  }
  finish(): void {
    this.finished++;
  }
  rows(): unknown[] {
    return this.batches.flatMap((b) => b.rows);
  }
}

function targets(n: number): { targets: Target[]; probes: Probe[] } {
  const probes: Probe[] = [];
  const ts: Target[] = [];
  for (let i = 0; i < n; i++) {
    const gate = new InputGate(1);
    const p = new Probe();
    gate.op = p;
    probes.push(p);
    ts.push({ gate, channel: 0 });
  }
  return { targets: ts, probes };
}

describe('ForwardOutput', () => {
  it('hands batches to its gate channel and ends that channel', () => {
    const gate = new InputGate(2);
    const p = new Probe();
    gate.op = p;
    const other = new ForwardOutput({ gate, channel: 0 });
    const out = new ForwardOutput({ gate, channel: 1 });
    other.push(batchOf([], 50));
    out.push(batchOf(['a'], 40, [41], [40]));
    expect(p.batches.at(-1)).toEqual(batchOf(['a'], 40, [41], [40]));
    out.end();
    expect(gate.watermark).toBe(50);
    other.end();
    expect(p.finished).toBe(1);
  });
});

describe('HashOutput', () => {
  it('routes each row to its partition with its own timestamp, watermark and kind', () => {
    const { targets: t, probes } = targets(3);
    const out = new HashOutput(t, (row) => (row as { p: number }).p);
    out.push(batchOf([{ p: 0 }, { p: 2 }, { p: 0 }], 3, [1, 2, 3], [0, 1, 2], ['+I', '-U', '+U']));
    expect(probes[0]?.batches).toEqual([batchOf([{ p: 0 }, { p: 0 }], 3, [1, 3], [0, 2], ['+I', '+U'])]);
    expect(probes[1]?.batches).toEqual([batchOf([], 3, [], [], [])]);
    expect(probes[2]?.batches).toEqual([batchOf([{ p: 2 }], 3, [2], [1], ['-U'])]);
  });

  it('sends the watermark of a batch to every partition, even those that get no rows', () => {
    const { targets: t, probes } = targets(4);
    const out = new HashOutput(t, () => 1);
    out.push(batchOf(['only-1'], 99));
    expect(probes.map((p) => p.batches.at(-1)?.wmEnd)).toEqual([99, 99, 99, 99]);
    expect(probes.map((p) => p.rows())).toEqual([[], ['only-1'], [], []]);
  });

  it('broadcasts a watermark-only batch to every partition once, and again when the watermark or idleness changes', () => {
    const { targets: t, probes } = targets(2);
    const out = new HashOutput(t, () => 0);
    out.push(batchOf([], 10));
    out.push(batchOf([], 10));
    out.push(batchOf([], 10, null, null, null, true));
    out.push(batchOf([], 12));
    for (const p of probes) expect(p.batches.map((b) => [b.wmEnd, b.idle])).toEqual([
      [10, false],
      [10, true],
      [12, false],
    ]);
  });

  it('ends every partition', () => {
    const { targets: t, probes } = targets(3);
    new HashOutput(t, () => 0).end();
    expect(probes.map((p) => p.finished)).toEqual([1, 1, 1]);
  });

  it('places keys in the partitions Flink uses (key groups, maxParallelism 128, parallelism 4)', () => {
    const { targets: t, probes } = targets(4);
    const partitioner = createPartitioner('key-groups', 4, 128);
    const out = new HashOutput(t, (row) => partitioner.partitionOf(row));
    out.push(batchOf([0, 1, 2, 42, 1000, 1007, -1, 'a', 'hello', 'user-17', 'Flink', ''], 0));
    expect(probes.map((p) => p.rows())).toEqual([
      [42, 1000],
      [1007, 'hello', 'user-17'],
      [0, 1, -1, 'a', ''],
      [2, 'Flink'],
    ]);
  });

  it('wraps a throwing key function in USER_FUNCTION_FAILED naming keyBy', () => {
    const { targets: t } = targets(2);
    const out = new HashOutput(t, (row) => (row as { a: { b: number } }).a.b);
    try {
      out.push(batchOf([{ a: { b: 1 } }, { x: 1 }], 0));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RivuletError);
      expect((e as RivuletError).code).toBe('USER_FUNCTION_FAILED');
      expect((e as RivuletError).message).toMatch(/^The function passed to keyBy threw on record \{"x":1\}/);
    }
  });
});

describe('FanOutOutput', () => {
  it('gives the same batch to every consumer and ends them all', () => {
    const a = new RecordingOutput('a');
    const b = new RecordingOutput('b');
    const out = new FanOutOutput([a, b]);
    const batch = batchOf([1, 2], 5);
    out.push(batch);
    out.end();
    expect(a.batches[0]).toBe(batch);
    expect(b.batches[0]).toBe(batch);
    expect([a.ended, b.ended]).toEqual([true, true]);
  });
});
