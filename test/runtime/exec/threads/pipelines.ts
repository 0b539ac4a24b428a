// Pipelines that the thread-executor tests run on both executors: each registers its outputs as sinks on the
// environment, so that one job (one set of worker threads) runs them all. Every function here is
// self-contained, as executor 'threads' requires.
import { OutputTag, Windows, agg, type StreamEnvironment, type KeyedProcessFunction } from '../../../../runtime/index.ts';
import type { StreamRecord } from '../../../helpers/random-stream.ts';

export type Outputs = Map<string, unknown[]>;

const expired = new OutputTag<{ key: unknown; count: number }>('expired');

/** A keyed count that emits when a key saw nothing for 30 ms of event time, with a side output per emit. */
const countWithTimeout: KeyedProcessFunction<unknown, StreamRecord, { key: unknown; count: number; at: number }> = {
  processElement(r, ctx) {
    const s = ctx.state.value<{ count: number; last: number }>('count');
    const cur = s.value() ?? { count: 0, last: 0 };
    cur.count++;
    cur.last = Math.max(cur.last, r.ts);
    s.update(cur);
    ctx.timers.registerEventTime(cur.last + 30);
  },
  onTimer(t, ctx, out) {
    const s = ctx.state.value<{ count: number; last: number }>('count').value();
    if (s !== undefined && t === s.last + 30) {
      out.collect({ key: ctx.key, count: s.count, at: t });
      ctx.output('expired', { key: ctx.key, count: s.count });
    }
  },
};

/** Registers every pipeline's output (changelogs where there are changes) into `outputs`, by name. */
export function buildPipelines(env: StreamEnvironment, records: StreamRecord[], outputs: Outputs): void {
  const sink = (name: string) => {
    const rows: unknown[] = [];
    outputs.set(name, rows);
    return (row: unknown) => void rows.push(row);
  };
  const timed = () => env.fromArray(records).withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: 5 });

  const sliding = timed().keyBy('key').window(Windows.sliding(40, 10)).allowedLateness(30).aggregate({ n: agg.count(), s: agg.sum('value') });
  sliding.changelog().filter((r) => r.n > 1).map((r) => ({ ...r, mean: r.s / r.n })).addSink(sink('sliding windows with lateness, then filter and map'));
  sliding.lateOutput().addSink(sink('late elements of the sliding windows'));

  timed().keyBy((r) => r.key).window(Windows.session(12)).allowedLateness(20).aggregate({ n: agg.count(), hi: agg.max('value'), first: agg.first((r: StreamRecord) => r.id) })
    .changelog().addSink(sink('session windows with lateness'));

  env.fromArray(records).keyBy('key').aggregate({ n: agg.count(), s: agg.sum('value'), avg: agg.avg('value') }).changelog().addSink(sink('rolling aggregates'));
  env.fromArray(records).keyBy('key').sum('value').changelog().addSink(sink('rolling sum'));
  env.fromArray(records).keyBy('key').reduce((a, b) => (b.value > a.value ? b : a)).changelog().addSink(sink('rolling reduce'));

  timed().keyBy('key').window(Windows.sliding(40, 10)).aggregate({ n: agg.count() })
    .keyBy((r) => r.windowEnd).window(Windows.tumbling(10)).aggregate({ hottest: agg.max('n'), keys: agg.count() })
    .changelog().addSink(sink('windows feeding a second keyed window'));

  timed().keyBy('key').window(Windows.tumbling(20)).aggregate({ n: agg.count() })
    .windowAll(Windows.tumbling(100)).aggregate({ windows: agg.count(), n: agg.sum('n') })
    .addSink(sink('keyed windows feeding windowAll on the main thread'));

  const processed = timed().keyBy('key').process(countWithTimeout);
  processed.addSink(sink('process function with state and event-time timers'));
  processed.sideOutput(expired).addSink(sink('process side output'));

  const evens = timed().filter((r) => r.id % 2 === 0);
  const odds = env.fromArray(records).filter((r) => r.id % 2 === 1).withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: 2 });
  const unioned = evens.union(odds).keyBy('key').window(Windows.tumbling(25)).allowedLateness(10).aggregate({ n: agg.count(), s: agg.sum('value') });
  unioned.changelog().addSink(sink('union of two sources into windows with lateness'));
  unioned.lateOutput().addSink(sink('late elements of the union'));

  const left = timed().filter((r) => r.id % 2 === 0);
  const right = timed().filter((r) => r.id % 2 === 1);
  left.join(right).where('key').equalTo('key').window(Windows.tumbling(20)).apply((l, r) => ({ key: l.key, l: l.id, r: r.id }))
    .addSink(sink('window join'));
  left.keyBy('key').intervalJoin(right.keyBy('key')).between(-5, 5).apply((l, r) => ({ key: l.key, l: l.id, r: r.id }))
    .addSink(sink('interval join'));
}
