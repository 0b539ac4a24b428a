// Argument checks of StreamEnvironment that are more than a line: the state backend option and the
// generator a source reads (a Generator object or a function of the event index).
import { RivuletError } from '../errors/rivulet-error.ts';
import type { Generator } from '../generators/generator.ts';
import type { GeneratorOptions, StateBackendOption } from './stream-environment.ts';
import { EXECUTOR_KINDS, type ExecutorKind } from '../exec/threads/plan-for-executor.ts';

export function checkBackend(b: unknown): StateBackendOption {
  if (b === 'memory') return b;
  if (typeof b === 'object' && b !== null && typeof (b as { disk?: unknown }).disk === 'string') {
    const cacheSize = (b as { cacheSize?: unknown }).cacheSize;
    if (cacheSize === undefined || (Number.isInteger(cacheSize) && (cacheSize as number) > 0)) return b as StateBackendOption;
  }
  throw new RivuletError('BAD_ARGUMENT', {
    where: 'new StreamEnvironment',
    name: 'stateBackend',
    expected: '"memory" or { disk: "a directory", cacheSize?: number }',
    got: b,
  });
}

export function checkExecutor(e: unknown): ExecutorKind {
  if (EXECUTOR_KINDS.includes(e as ExecutorKind)) return e as ExecutorKind;
  throw new RivuletError('BAD_ARGUMENT', {
    where: 'new StreamEnvironment',
    name: 'executor',
    expected: EXECUTOR_KINDS.map((k) => `"${k}"`).join(' or '),
    got: e,
  });
}

export function toGenerator<T>(gen: Generator<T> | ((index: number) => T), opts: GeneratorOptions): Generator<T> {
  const where = 'fromGenerator';
  if (typeof gen === 'function') {
    const at = gen;
    gen = { name: opts.name ?? 'function', at };
  } else if (typeof gen !== 'object' || gen === null || typeof (gen as Generator<T>).at !== 'function') {
    throw new RivuletError('BAD_ARGUMENT', {
      where,
      name: 'the generator',
      expected: 'a generator such as nexmark.bids({ seed: 1 }), or a function (index) => event',
      got: gen,
    });
  }
  const count = opts.count ?? gen.count;
  const eps = opts.eventsPerSecond ?? gen.eventsPerSecond;
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
    throw new RivuletError('BAD_ARGUMENT', { where, name: 'count', expected: 'a non-negative integer', got: count });
  }
  if (eps !== undefined && !(typeof eps === 'number' && eps > 0 && Number.isFinite(eps))) {
    throw new RivuletError('BAD_ARGUMENT', { where, name: 'eventsPerSecond', expected: 'a positive number', got: eps });
  }
  const base = gen;
  return {
    name: opts.name ?? base.name,
    ...(base.seed !== undefined ? { seed: base.seed } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(eps !== undefined ? { eventsPerSecond: eps } : {}),
    at: (i: number) => base.at(i),
  };
}
