import { describe, expect, it } from 'vitest';
import { OperatorHarness, EventTimeHarness, RecordingOutput } from '../helpers/operator-harness.ts';
import { MapOperator } from '../../runtime/operators/map.ts';
import { PassThroughOperator } from '../../runtime/operators/pass-through.ts';
import { batchOf, type Batch } from '../../runtime/exec/batch.ts';
import type { Operator, OperatorContext } from '../../runtime/exec/operator.ts';

describe('OperatorHarness', () => {
  it('records every row the operator emits with its kind, timestamp and watermark', () => {
    const h = new OperatorHarness((ctx) => new MapOperator((x: number) => x + 1, ctx.out));
    h.push([1, 2], { ts: [10, 20], wm: [3, 4], ops: ['+I', '-D'] });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: 2, ts: 10, wm: 3 },
      { op: '-D', row: 3, ts: 20, wm: 4 },
    ]);
    expect(h.output()).toEqual([
      { op: '+I', row: 2 },
      { op: '-D', row: 3 },
    ]);
    expect(h.outputRows()).toEqual([2, 3]);
    expect(h.main.watermarks()).toEqual([4]);
    expect(h.inputWatermark).toBe(4);
  });

  it('gives the operator a context with real state, metrics, a virtual clock and a capturing write', () => {
    let seen: OperatorContext | undefined;
    const h = new OperatorHarness(
      (ctx) => {
        seen = ctx;
        return new PassThroughOperator(ctx.out);
      },
      { partition: 2, parallelism: 4, maxParallelism: 64 },
    );
    const ctx = seen as OperatorContext;
    expect([ctx.partition, ctx.parallelism, ctx.maxParallelism]).toEqual([2, 4, 64]);
    expect(ctx.state).toBe(h.state);
    expect(ctx.state.partition).toBe(2);
    ctx.state.valueState<number>('n').set('k', 1);
    expect(h.state.valueState<number>('n').get('k')).toBe(1);
    ctx.metrics.lateDropped++;
    expect(h.metrics.lateDropped).toBe(1);
    ctx.write('a\nb');
    expect(h.printed).toEqual(['a\nb']);
    expect(h.printedLines()).toEqual(['a', 'b']);
    h.advanceProcessingTime(250);
    expect(ctx.clock.now()).toBe(250);
    ctx.side('late').push(batchOf(['x'], 0));
    expect(h.late()).toEqual(['x']);
  });

  it('reports operators that break the batch protocol', () => {
    class Rude implements Operator {
      constructor(private readonly ctx: OperatorContext) {}
      process(b: Batch): void {
        this.ctx.out.push(batchOf(b.rows, 10, [1], null, null));
        this.ctx.out.push(batchOf([], 5));
      }
      finish(): void {
        this.ctx.out.end();
        this.ctx.out.end();
        this.ctx.out.push(batchOf([], 20));
      }
    }
    const h = new OperatorHarness((ctx) => new Rude(ctx));
    h.push(['a', 'b']).finish();
    expect(h.problems).toEqual([
      'main batch #0: ts has 1 entries for 2 rows',
      'main batch #1: wmEnd 5 after 10 (went backwards)',
      'main: end() called twice',
      'main batch #2: pushed after end()',
    ]);
  });

  it('refuses input after finish, which would be a mistake in the test', () => {
    const h = new OperatorHarness((ctx) => new PassThroughOperator(ctx.out));
    h.finish();
    expect(() => h.push([1])).toThrow('push after finish()');
    expect(() => h.finish()).toThrow('finish() called twice');
  });

  it('drains the output step by step', () => {
    const h = new OperatorHarness((ctx) => new PassThroughOperator(ctx.out));
    h.push([1]);
    expect(h.drain()).toEqual([{ op: '+I', row: 1 }]);
    h.push([2, 3]);
    expect(h.drain()).toEqual([
      { op: '+I', row: 2 },
      { op: '+I', row: 3 },
    ]);
    expect(h.drain()).toEqual([]);
  });

  it('collapses repeated watermarks when listing them', () => {
    const out = new RecordingOutput('x');
    for (const w of [1, 1, 3, 3, 3, 7]) out.push(batchOf([], w));
    expect(out.watermarks()).toEqual([1, 3, 7]);
    expect(out.watermark).toBe(7);
  });
});

describe('EventTimeHarness', () => {
  it('puts the real watermark assigner in front, so rows arrive with per-record watermarks', () => {
    const h = new EventTimeHarness((ctx) => new PassThroughOperator(ctx.out), {
      timestamp: (r: { t: number }) => r.t,
      maxOutOfOrderness: 5,
    });
    h.send({ t: 100 }, { t: 90 }, { t: 120 });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: { t: 100 }, ts: 100, wm: -Infinity },
      { op: '+I', row: { t: 90 }, ts: 90, wm: 94 },
      { op: '+I', row: { t: 120 }, ts: 120, wm: 94 },
    ]);
    expect(h.watermark).toBe(114);
    h.end();
    expect(h.ended).toBe(true);
    expect(h.target.main.watermarks()).toEqual([114, Infinity]);
    expect(h.problems).toEqual([]);
  });
});
