// The sinks behind DataStream's print(), addSink(), writeJsonl() and collect(): each is a sink node on the
// stream's node, registered with the environment (collect() runs its own job instead).
import { LogicalNode, unboundedSource, type NodeInit } from '../graph/node.ts';
import { RivuletError } from '../errors/rivulet-error.ts';
import { PrintSink } from '../connectors/print-sink.ts';
import { CollectBuffer } from '../connectors/collect-buffer.ts';
import { CollectSink } from '../connectors/collect-sink.ts';
import { FunctionSink, type SinkFunction } from '../connectors/function-sink.ts';
import { FileSink, jsonlFormat } from '../connectors/file-sink.ts';
import type { StreamEnvironment } from './stream-environment.ts';

/** A sink node reading `input`: one instance per partition ('input') or a single one ('one'). */
export function sinkNode(input: LogicalNode, label: string, parallelism: 'input' | 'one', create: NonNullable<NodeInit['create']>, spec?: NodeInit['spec']): LogicalNode {
  return new LogicalNode({ kind: 'sink', label, inputs: [input], parallelism, timestamps: input.timestamps, changelog: false, create, ...(spec ? { spec } : {}) });
}

export function addPrintSink(env: StreamEnvironment, input: LogicalNode): void {
  const changelog = input.changelog;
  env.addSink(
    sinkNode(input, 'print', 'input', (ctx) => new PrintSink(ctx.write, ctx.partition, ctx.parallelism, env.parallelism, changelog, ctx.out)),
  );
}

export function addFunctionSink(env: StreamEnvironment, input: LogicalNode, f: SinkFunction<unknown>): void {
  env.addSink(sinkNode(input, 'sink function', 'input', (ctx) => new FunctionSink(f, ctx.out), { sinkFn: f }));
}

export function addJsonlSink(env: StreamEnvironment, input: LogicalNode, path: unknown): void {
  if (typeof path !== 'string' || path === '') {
    throw new RivuletError('BAD_ARGUMENT', { where: 'writeJsonl', name: 'path', expected: 'a file path', got: path });
  }
  const changelog = input.changelog;
  env.addSink(sinkNode(input, `writeJsonl ${path}`, 'one', (ctx) => new FileSink(path, jsonlFormat, changelog, ctx)));
}

/** Runs the job with a collecting sink on `input` and returns the stream's final contents. */
export async function collectRows<T>(env: StreamEnvironment, input: LogicalNode): Promise<T[]> {
  const unbounded = unboundedSource(input);
  if (unbounded) throw new RivuletError('UNBOUNDED_COLLECT', { source: unbounded.source?.name ?? unbounded.label });
  const buffer = new CollectBuffer(input.changelog);
  await env.runWith(sinkNode(input, 'collect', 'input', (ctx) => new CollectSink(buffer, ctx.out)), 'collect');
  return buffer.rows() as T[];
}
