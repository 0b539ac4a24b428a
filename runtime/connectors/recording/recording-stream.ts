// env.fromRecording(path, { speed }): the recording source, the dead-letter split, then (for a recording with
// event times) watermarks over the recorded event times, and the records unwrapped from their events.
import { LogicalNode } from '../../graph/node.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';
import { MapOperator } from '../../operators/map.ts';
import { deadLetterSplitStep } from '../files/dead-letter.ts';
import { FileSourceStream } from '../../api/file-source-stream.ts';
import { nonNegativeInt, positiveInt } from '../../api/arguments.ts';
import type { StreamEnvironment } from '../../api/stream-environment.ts';
import type { DataStream } from '../../api/data-stream.ts';
import { RecordedEvent, readHeader } from './recording-format.ts';
import { recordingSource } from './recording-source.ts';
import { ReplayBudget, replayBudgetOf } from './replay-budget.ts';
import { lineageOf } from '../../lineage/lineage-store.ts';

export interface RecordingOptions {
  /** Replay speed on the environment's clock: 1 as recorded (default), 10 ten times faster, Infinity as fast as possible. */
  speed?: number;
  /** How far out of order events may be (ms): default the recorded stream's bound from the header, else 0. */
  maxOutOfOrderness?: number;
  /** Idle after this long without events (processing time, ms). */
  idleTimeout?: number;
  /** Bytes read at a time (default 64 KiB). */
  chunkBytes?: number;
}

export function recordingStream<T>(env: StreamEnvironment, path: string, options: RecordingOptions = {}): FileSourceStream<T> {
  const where = 'fromRecording';
  if (typeof options !== 'object' || options === null) throw new RivuletError('BAD_ARGUMENT', { where, name: 'the options', expected: 'an object', got: options });
  if (typeof path !== 'string' || path === '') throw new RivuletError('BAD_ARGUMENT', { where, name: 'path', expected: 'a file path', got: path });
  const speed = options.speed ?? 1;
  if (typeof speed !== 'number' || !(speed > 0)) {
    throw new RivuletError('BAD_ARGUMENT', { where, name: 'speed', expected: 'a positive number (1 = as recorded, Infinity = as fast as possible)', got: speed });
  }
  const chunkBytes = positiveInt(where, 'chunkBytes', options.chunkBytes ?? 64 * 1024);
  const { header } = readHeader(where, path, chunkBytes);
  const budget = replayBudgetOf(env);
  budget.speeds.push(speed);
  const spec = recordingSource(path, { speed, chunkBytes, budget });
  budget.firstDue.push(() => {
    const probe = new ReplayBudget();
    probe.active = true;
    return recordingSource(path, { speed, chunkBytes, budget: probe }).open(0, 0).nextDue();
  });
  const source = new LogicalNode({ kind: 'source', label: `fromRecording ${path}${speed === 1 ? '' : `, speed ${speed}`}`, inputs: [], parallelism: 'one', timestamps: false, changelog: false, source: spec });
  const split = env.stream<RecordedEvent>(deadLetterSplitStep(source, 'bad lines → dead letters'));
  let events: DataStream<RecordedEvent> = split;
  if (header.eventTime !== false) {
    const recorded = typeof header.maxOutOfOrderness === 'number' ? header.maxOutOfOrderness : 0;
    const maxOutOfOrderness = nonNegativeInt(where, 'maxOutOfOrderness', options.maxOutOfOrderness ?? recorded);
    const idle = options.idleTimeout === undefined ? {} : { idleTimeout: nonNegativeInt(where, 'idleTimeout', options.idleTimeout) };
    events = split.withWatermarks({ timestamp: (ev) => ev.t as number, maxOutOfOrderness, ...idle });
  }
  const records = env.stream<T>({
    kind: 'map',
    label: 'recorded events → records',
    inputs: [events.node],
    parallelism: 'input',
    timestamps: events.node.timestamps,
    changelog: false,
    spec: { fn: recordOf },
    create: (ctx) => {
      // With lineage on, each record remembers its arrival order in the recording (explain shows it).
      const lineage = lineageOf(env);
      if (lineage === undefined) return new MapOperator(recordOf, ctx.out);
      return new MapOperator((ev: RecordedEvent) => {
        lineage.noteArrival(ev.e, ev.n);
        return ev.e;
      }, ctx.out);
    },
  });
  return new FileSourceStream<T>(env, records.node, split.node);
}

function recordOf(ev: RecordedEvent): unknown {
  return ev.e;
}
