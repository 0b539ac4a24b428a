// Builds the runtime pipeline that corresponds to an oracle spec (random window setup), so that randomized
// tests can run the same computation through the runtime and through the plain-loop oracle.
import { StreamEnvironment, Windows, agg, type WindowAssigner } from '../../../runtime/index.ts';
import type { RandomWindowSpec, StreamRecord } from '../../helpers/random-stream.ts';
import type { WindowSpec } from '../../helpers/oracle/windows.ts';

export const oracleAggregates = {
  n: { kind: 'count' },
  total: { kind: 'sum', field: (r: StreamRecord) => r.value },
  low: { kind: 'min', field: (r: StreamRecord) => r.value },
  high: { kind: 'max', field: (r: StreamRecord) => r.value },
  mean: { kind: 'avg', field: (r: StreamRecord) => r.value },
  firstId: { kind: 'first', field: (r: StreamRecord) => r.id },
  lastId: { kind: 'last', field: (r: StreamRecord) => r.id },
} as const;

export const runtimeAggregates = {
  n: agg.count(),
  total: agg.sum<StreamRecord>('value'),
  low: agg.min<StreamRecord>('value'),
  high: agg.max<StreamRecord>('value'),
  mean: agg.avg<StreamRecord>('value'),
  firstId: agg.first<StreamRecord, number>('id'),
  lastId: agg.last<StreamRecord, number>('id'),
};

export function assignerOf(w: WindowSpec): WindowAssigner {
  if (w.kind === 'tumbling') return Windows.tumbling(w.size, { offset: w.offset ?? 0 });
  if (w.kind === 'sliding') return Windows.sliding(w.size, w.slide, { offset: w.offset ?? 0 });
  return Windows.session(w.gap);
}

export interface RunSettings {
  parallelism: number;
  batchSize: number;
}

export function windowedPipeline(records: StreamRecord[], spec: RandomWindowSpec, run: RunSettings) {
  const env = new StreamEnvironment({ parallelism: run.parallelism, batchSize: run.batchSize });
  const result = env
    .fromArray(records)
    .withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: spec.maxOutOfOrderness })
    .keyBy((r) => r.key)
    .window(assignerOf(spec.window))
    .allowedLateness(spec.allowedLateness)
    .aggregate(runtimeAggregates);
  return { env, result };
}

export function describeSpec(spec: RandomWindowSpec): string {
  return JSON.stringify(spec);
}
