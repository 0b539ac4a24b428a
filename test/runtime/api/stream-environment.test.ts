import { describe, expect, it } from 'vitest';
import { RivuletError, StreamEnvironment, nexmark } from '../../../runtime/index.ts';
import { error } from '../../helpers/rivulet-errors.ts';

describe('new StreamEnvironment', () => {
  it('defaults to parallelism 1, maxParallelism 128 and key groups', () => {
    const env = new StreamEnvironment();
    expect([env.parallelism, env.maxParallelism, env.partitioner, env.batchSize]).toEqual([1, 128, 'key-groups', 1024]);
  });

  it('hands over larger batches by default on worker threads, where each batch is one message', () => {
    expect(new StreamEnvironment({ parallelism: 2, executor: 'threads' }).batchSize).toBe(4096);
    expect(new StreamEnvironment({ parallelism: 2, executor: 'threads', batchSize: 100 }).batchSize).toBe(100);
    expect(new StreamEnvironment({ parallelism: 2, executor: 'single' }).batchSize).toBe(1024);
  });

  it('rejects a parallelism outside 1..maxParallelism with BAD_PARALLELISM saying how to set it', () => {
    for (const parallelism of [0, -1, 2.5, 129]) expect(error(() => new StreamEnvironment({ parallelism })).code).toBe('BAD_PARALLELISM');
    expect(error(() => new StreamEnvironment({ parallelism: 0 })).message).toBe(
      'parallelism must be an integer between 1 and maxParallelism (128), got 0. ' +
        'Use e.g. new StreamEnvironment({ parallelism: 4 }); raise maxParallelism if you need more partitions.',
    );
    expect(new StreamEnvironment({ parallelism: 200, maxParallelism: 256 }).parallelism).toBe(200);
  });

  it('rejects a maxParallelism outside 1..32768 with BAD_MAX_PARALLELISM', () => {
    for (const maxParallelism of [0, 32769, 1.5]) expect(error(() => new StreamEnvironment({ maxParallelism })).code).toBe('BAD_MAX_PARALLELISM');
  });

  it('rejects an unknown partitioner, a bad batch size and non-object options with BAD_ARGUMENT', () => {
    const p = error(() => new StreamEnvironment({ partitioner: 'round-robin' as 'key-groups' }));
    expect(p.code).toBe('BAD_ARGUMENT');
    expect(p.message).toBe(
      'new StreamEnvironment: partitioner must be "key-groups" or "consistent-hash", got "round-robin". Pass "key-groups" or "consistent-hash".',
    );
    expect(error(() => new StreamEnvironment({ batchSize: 0 })).code).toBe('BAD_ARGUMENT');
    expect(error(() => new StreamEnvironment(null as never)).code).toBe('BAD_ARGUMENT');
  });
});

describe('StreamEnvironment sources', () => {
  it('rejects fromArray of something that is not an array', () => {
    const e = error(() => new StreamEnvironment().fromArray('abc' as never));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toBe('fromArray: items must be an array, got "abc". Pass an array.');
  });

  it('rejects fromGenerator of something that is neither a generator nor a function', () => {
    const e = error(() => new StreamEnvironment().fromGenerator({ name: 'x' } as never));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.message).toContain('nexmark.bids({ seed: 1 })');
  });

  it('rejects a negative count and a non-positive rate', () => {
    const env = new StreamEnvironment();
    expect(error(() => env.fromGenerator((i) => i, { count: -1 })).message).toContain('count must be a non-negative integer');
    expect(error(() => env.fromGenerator((i) => i, { eventsPerSecond: 0 })).message).toContain('eventsPerSecond must be a positive number');
  });

  it('reads a generator function by index, bounded by count', async () => {
    const env = new StreamEnvironment();
    expect(await env.fromGenerator((i) => `e${i}`, { count: 3 }).collect()).toEqual(['e0', 'e1', 'e2']);
  });

  it('bounds a library generator with a count option', async () => {
    const env = new StreamEnvironment();
    const bids = await env.fromGenerator(nexmark.bids({ seed: 3 }), { count: 5 }).collect();
    expect(bids).toHaveLength(5);
  });

  it('re-reads the sources from their start when a job runs again', async () => {
    const env = new StreamEnvironment();
    const s = env.fromElements('a', 'b');
    expect(await s.collect()).toEqual(['a', 'b']);
    expect(await s.collect()).toEqual(['a', 'b']);
  });
});

describe('StreamEnvironment.execute', () => {
  it('refuses to run without sinks with NO_SINKS pointing to print() and collect()', () => {
    const env = new StreamEnvironment();
    env.fromElements(1);
    const e = error(() => env.execute());
    expect(e.code).toBe('NO_SINKS');
    expect(e.message).toContain('stream.print()');
    expect(e.message).toContain('collect()');
  });

  it('runs every registered sink along with collect()', async () => {
    const printed: string[] = [];
    const env = new StreamEnvironment({ stdout: (t) => printed.push(t) });
    const s = env.fromElements(1, 2);
    s.map((x) => x * 10).print();
    expect(await s.collect()).toEqual([1, 2]);
    expect(printed.join('\n').split('\n')).toEqual(['10', '20']);
  });
});
