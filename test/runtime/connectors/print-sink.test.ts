import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { PrintSink } from '../../../runtime/connectors/print-sink.ts';
import { StreamEnvironment, agg } from '../../../runtime/index.ts';

function printSink(opts: { partition?: number; instances?: number; envParallelism?: number; changelog?: boolean } = {}) {
  const instances = opts.instances ?? 1;
  return new OperatorHarness(
    (ctx) => new PrintSink(ctx.write, ctx.partition, ctx.parallelism, opts.envParallelism ?? instances, opts.changelog ?? false, ctx.out),
    { partition: opts.partition ?? 0, parallelism: instances },
  );
}

function printer(parallelism?: number): { env: StreamEnvironment; lines: string[] } {
  const lines: string[] = [];
  const env = new StreamEnvironment({
    ...(parallelism !== undefined ? { parallelism } : {}),
    stdout: (text) => lines.push(...text.split('\n')),
  });
  return { env, lines };
}

describe('PrintSink', () => {
  it('prints tuples as (a,b) with no prefix at parallelism 1', () => {
    const h = printSink();
    h.push([[1, 'Processing A'], [2, [3, 'x']], 'plain', 42, null]);
    expect(h.printedLines()).toEqual(['(1,Processing A)', '(2,(3,x))', 'plain', '42', 'null']);
  });

  it('prefixes every line with the 1-based instance index when it runs in parallel', () => {
    const h = printSink({ partition: 1, instances: 4 });
    h.push([['a', 1], ['b', 2]]);
    expect(h.printedLines()).toEqual(['2> (a,1)', '2> (b,2)']);
  });

  it('spreads a single-instance stream round-robin over the environment parallelism, starting at 1', () => {
    const h = printSink({ instances: 1, envParallelism: 3 });
    h.push(['a', 'b', 'c']).push(['d']);
    expect(h.printedLines()).toEqual(['1> a', '2> b', '3> c', '1> d']);
  });

  it('prints objects compactly on one line', () => {
    const h = printSink();
    h.push([{ key: 'a', n: 1, tags: ['x', 'y'] }]);
    expect(h.printedLines()).toEqual(["{ key: 'a', n: 1, tags: [ 'x', 'y' ] }"]);
  });

  it('puts the changelog kind before each row of a changelog', () => {
    const h = printSink({ changelog: true });
    h.push([['a', 1], ['a', 1], ['a', 2]], { ops: ['+I', '-U', '+U'] });
    expect(h.printedLines()).toEqual(['+I (a,1)', '-U (a,1)', '+U (a,2)']);
  });

  it('writes one text per batch, and nothing for a watermark-only batch', () => {
    const h = printSink();
    h.push(['x', 'y']).watermark(100);
    expect(h.printed).toEqual(['x\ny']);
  });

  it('ends its output when finished', () => {
    const h = printSink();
    h.finish();
    expect(h.ended).toBe(true);
  });
});

describe('print() through the public API', () => {
  it("prints Flink's first example exactly like Flink, with instance prefixes at parallelism 4", async () => {
    const { env, lines } = printer(4);
    env
      .fromElements([1, 'A'], [2, 'B'], [3, 'C'])
      .map(([n, s]) => [n, 'Processing ' + s])
      .print();
    const result = await env.execute('first');
    expect(lines).toEqual(['1> (1,Processing A)', '2> (2,Processing B)', '3> (3,Processing C)']);
    expect(result).toMatchObject({ name: 'first', status: 'finished' });
    expect(result.metrics.eventsIn).toBe(3);
  });

  it('prints without prefixes at parallelism 1', async () => {
    const { env, lines } = printer();
    env
      .fromElements([1, 'A'], [2, 'B'], [3, 'C'])
      .map(([n, s]) => [n, 'Processing ' + s])
      .print();
    await env.execute('first');
    expect(lines).toEqual(['(1,Processing A)', '(2,Processing B)', '(3,Processing C)']);
  });

  it('prefixes the rows of a keyed stream with the partition that owns their key', async () => {
    const { env, lines } = printer(2);
    // Key groups (maxParallelism 128): 0 → 94, 42 → 29, 1 → 86, 1000 → 7; partition = floor(g * 2 / 128).
    env.fromElements([0, 'a'], [42, 'b'], [1, 'c'], [1000, 'd']).keyBy(0).print();
    await env.execute();
    expect([...lines].sort()).toEqual(['1> (1000,d)', '1> (42,b)', '2> (0,a)', '2> (1,c)']);
  });

  it('prints every change of a rolling aggregate with its kind', async () => {
    const { env, lines } = printer();
    env.fromElements({ k: 'a' }, { k: 'a' }).keyBy('k').aggregate({ n: agg.count() }).print();
    await env.execute();
    expect(lines).toEqual(["+I { key: 'a', n: 1 }", "-U { key: 'a', n: 1 }", "+U { key: 'a', n: 2 }"]);
  });
});
