import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg } from '../../../runtime/index.ts';

describe('explain()', () => {
  it('lists one line per operator with its parallelism, its inputs and its flags', () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const result = env
      .fromElements({ k: 'a', t: 1, v: 1 }, { k: 'b', t: 2, v: 2 })
      .withWatermarks({ timestamp: 't', maxOutOfOrderness: 5 })
      .keyBy('k')
      .window(Windows.tumbling(10))
      .allowedLateness(5)
      .aggregate({ n: agg.count(), s: agg.sum('v') });
    expect(result.explain()).toBe(
      [
        'Plan: 3 operators, parallelism 2, maxParallelism 128',
        '  #1  fromElements (2 elements)                            x1',
        '  #2  watermarks (out of order ≤ 5 ms)                     x1  <- #1 forward  [event time]',
        '  #3  window tumbling(10), lateness 5 ms aggregate {n, s}  x2  <- #2 hash by key group  [event time, changelog]',
      ].join('\n'),
    );
  });

  it('shows side outputs, a global edge into a single instance, uids and the partitioner', () => {
    const env = new StreamEnvironment({ parallelism: 3, partitioner: 'consistent-hash' });
    const windows = env
      .fromElements({ k: 1, t: 1 })
      .withWatermarks({ timestamp: 't' })
      .keyBy('k')
      .window(Windows.tumbling(10))
      .aggregate({ n: agg.count() });
    windows.uid('counts');
    const text = windows.lateOutput().map((r) => r.k).take(1).explain();
    expect(text).toBe(
      [
        'Plan: 6 operators, parallelism 3, maxParallelism 128, partitioner consistent-hash',
        '  #1  fromElements (1 elements)                       x1',
        '  #2  watermarks (out of order ≤ 0 ms)                x1  <- #1 forward  [event time]',
        '  #3  window tumbling(10) aggregate {n} (uid counts)  x3  <- #2 hash by key group  [event time]',
        '  #4  late data                                       x3  <- #3 side output "late"  [event time]',
        '  #5  map                                             x3  <- #4 forward  [event time]',
        '  #6  take 1                                          x1  <- #5 global  [event time]',
      ].join('\n'),
    );
  });

  it('explains every registered sink of the environment', () => {
    const env = new StreamEnvironment();
    const s = env.fromArray([1, 2]);
    s.filter((x) => x > 1).print();
    s.map((x) => x * 2).print();
    const text = env.explain();
    expect(text.split('\n')[0]).toBe('Plan: 5 operators, parallelism 1, maxParallelism 128');
    expect(text.match(/ print /g)).toHaveLength(2);
  });

  it('draws a Mermaid flowchart with labelled edges', () => {
    const env = new StreamEnvironment({ parallelism: 2 });
    const text = env
      .fromElements({ k: 'a' })
      .keyBy('k')
      .aggregate({ n: agg.count() })
      .explain('mermaid');
    const lines = text.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines[1]).toMatch(/^ {2}n\d+\["fromElements \(1 elements\)<br\/>x1"\]$/);
    expect(lines[2]).toMatch(/^ {2}n\d+\["aggregate \{n\}<br\/>x2"\]$/);
    expect(lines[3]).toMatch(/^ {2}n\d+ -->\|hash by key group\| n\d+$/);
    expect(lines).toHaveLength(4);
  });
});
