// stream.record(path): adds the recording writer as a single-instance sink of the stream. What the header says
// about the stream's origin is read off the plan: the generator and its seed when the records come straight from
// fromGenerator (through withWatermarks, filter or take), and the watermark bound of a withWatermarks step.
import type { LogicalNode } from '../../graph/node.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';
import { sinkNode } from '../../api/sinks.ts';
import type { StreamEnvironment } from '../../api/stream-environment.ts';
import { RecordingSink, type RecordingMeta } from './recording-sink.ts';

/** Nodes that pass the records they get through unchanged (or drop some). */
const PASS_THROUGH = new Set<string>(['watermarks', 'filter', 'take']);

function originOf(node: LogicalNode): { generator?: string; seed?: number; maxOutOfOrderness?: number } {
  let maxOutOfOrderness: number | undefined;
  for (let n: LogicalNode | undefined = node; n !== undefined; n = n.inputs.length === 1 ? n.inputs[0] : undefined) {
    if (n.kind === 'watermarks' && maxOutOfOrderness === undefined) {
      const m = /out of order ≤ (\d+) ms/.exec(n.label);
      if (m) maxOutOfOrderness = Number(m[1]);
    }
    const origin = n.kind === 'source' ? n.source?.origin : undefined;
    if (n.kind === 'source' || !PASS_THROUGH.has(n.kind)) {
      return {
        ...(origin !== undefined ? { generator: origin.generator } : {}),
        ...(origin?.seed !== undefined ? { seed: origin.seed } : {}),
        ...(maxOutOfOrderness !== undefined ? { maxOutOfOrderness } : {}),
      };
    }
  }
  return maxOutOfOrderness !== undefined ? { maxOutOfOrderness } : {};
}

export function addRecordingSink(env: StreamEnvironment, input: LogicalNode, path: unknown, options: { createdAt?: unknown } = {}): void {
  if (typeof path !== 'string' || path === '') {
    throw new RivuletError('BAD_ARGUMENT', { where: 'record', name: 'path', expected: 'a file path', got: path });
  }
  if (input.changelog) throw new RivuletError('RECORD_CHANGELOG', { path });
  const c = options.createdAt;
  const createdAt = c instanceof Date ? c : typeof c === 'string' ? new Date(c) : undefined;
  if (c !== undefined && (createdAt === undefined || Number.isNaN(createdAt.getTime()))) {
    throw new RivuletError('BAD_ARGUMENT', { where: 'record', name: 'createdAt', expected: 'a Date or an ISO date string', got: c });
  }
  const meta: RecordingMeta = { eventTime: input.timestamps, ...originOf(input), ...(createdAt !== undefined ? { createdAt: createdAt.toISOString() } : {}) };
  env.addSink(sinkNode(input, `record ${path}`, 'one', (ctx) => new RecordingSink(path, meta, ctx)));
}
