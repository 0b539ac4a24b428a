// The sink every runtime case ends in: a cheap counting sink that hands every output row to the query's
// consumer (which folds it into the Tally) and keeps nothing, so the measurement is the pipeline's cost,
// not the cost of storing results. Three ways, chosen with --sink:
// - "addSink" (the default when the runtime has DataStream.addSink, Flink's SinkFunction): the consumer is
//   the sink function, called once per row.
// - "filter" (the fallback): `.filter(consumer).print()`. The consumer returns undefined, so the filter
//   drops every row after consuming it and print() only ever receives empty batches (it writes nothing).
//   It costs one extra operator hop per batch, and nothing per row beyond the call.
// - "collect": `await stream.collect()`, then the consumer over the returned rows. It stores a slot per
//   row (and indexes rows of changelog streams), which dominates the cheap queries: for comparison only.
import type { DataStream } from '../runtime/index.ts';

export type SinkChoice = 'auto' | 'addSink' | 'filter' | 'collect';
export type SinkKind = Exclude<SinkChoice, 'auto'>;

export interface AttachedSink {
  readonly kind: SinkKind;
  /** Runs the job once, to the end of its (bounded) source. */
  readonly run: () => Promise<void>;
}

type WithAddSink<T> = { addSink?: (f: (row: T) => void) => unknown };

/** Whether this runtime has DataStream.addSink (looked up at run time, so the bench also runs without it). */
export function hasAddSink(stream: DataStream<unknown>): boolean {
  return typeof (stream as WithAddSink<unknown>).addSink === 'function';
}

export function resolveSink(choice: SinkChoice, stream: DataStream<unknown>): SinkKind {
  if (choice === 'auto') return hasAddSink(stream) ? 'addSink' : 'filter';
  if (choice === 'addSink' && !hasAddSink(stream)) throw new Error('--sink addSink: this runtime has no DataStream.addSink');
  return choice;
}

export function attachSink<T>(stream: DataStream<T>, consume: (row: T) => void, choice: SinkChoice, jobName: string): AttachedSink {
  const kind = resolveSink(choice, stream as DataStream<unknown>);
  const env = stream.env;
  switch (kind) {
    case 'addSink': {
      const addSink = (stream as WithAddSink<T>).addSink as (f: (row: T) => void) => unknown;
      addSink.call(stream, consume);
      return { kind, run: async () => void (await env.execute(jobName)) };
    }
    case 'filter':
      stream.filter(consume).print();
      return { kind, run: async () => void (await env.execute(jobName)) };
    case 'collect':
      return {
        kind,
        run: async () => {
          const rows = await stream.collect();
          for (let i = 0; i < rows.length; i++) consume(rows[i] as T);
        },
      };
  }
}
