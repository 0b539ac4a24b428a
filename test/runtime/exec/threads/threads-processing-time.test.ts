// Processing time on worker threads follows the main thread's clock, in order with the batches: on a
// VirtualClock, processing-time windows and processing-time timers of a process function give exactly the
// single-thread results.
import { describe, expect, it } from 'vitest';
import { Windows, agg, type StreamEnvironment } from '../../../../runtime/index.ts';
import { runToEnd } from '../../../helpers/virtual-run.ts';

function build(env: StreamEnvironment, out: string[]): void {
  const events = env.fromGenerator((i) => ({ key: i % 7, v: i }), { count: 3000, eventsPerSecond: 1000 });
  events
    .keyBy('key')
    .window(Windows.tumbling(500, { time: 'processing' }))
    .aggregate({ n: agg.count(), s: agg.sum('v') })
    .addSink((r) => void out.push(`window ${JSON.stringify(r)}`));
  events
    .keyBy('key')
    .process({
      processElement(e, ctx) {
        const seen = ctx.state.value<number>('seen');
        seen.update((seen.value() ?? 0) + 1);
        if (e.v % 100 === 0) ctx.timers.registerProcessingTime(ctx.currentProcessingTime + 250);
      },
      onTimer(t, ctx, out) {
        out.collect({ key: ctx.key, at: t, seen: ctx.state.value<number>('seen').value() });
      },
    })
    .addSink((r) => void out.push(`timer ${JSON.stringify(r)}`));
}

describe("processing time with executor 'threads'", () => {
  it('fires processing-time windows and timers as on one thread', async () => {
    const single = await runToEnd(build, 2);
    const threads = await runToEnd(build, 2, { executor: 'threads' });
    expect(single.filter((l) => l.startsWith('window')).length).toBeGreaterThan(20);
    expect(single.filter((l) => l.startsWith('timer')).length).toBeGreaterThan(10);
    expect([...threads].sort()).toEqual([...single].sort());
  });
});
