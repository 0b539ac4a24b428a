// A source over a deterministic generator: event i is generator.at(i). Paced at eventsPerSecond on the job's
// clock when the generator has a rate, as fast as possible otherwise; bounded when it has a count.
import type { Generator } from '../generators/generator.ts';
import type { SourceReader, SourceSpec } from './source.ts';

/** `base`: the generator or function `gen` was made from, when another thread may rebuild it (unpaced only). */
export function generatorSource(gen: Generator<unknown>, base?: unknown): SourceSpec {
  const count = gen.count ?? Infinity;
  const eps = gen.eventsPerSecond;
  return {
    name: gen.name,
    ...(base !== undefined && eps === undefined ? { portable: { kind: 'generator' as const, name: gen.name, count: gen.count, base } } : {}),
    origin: { generator: gen.name, ...(gen.seed !== undefined ? { seed: gen.seed } : {}) },
    bounded: Number.isFinite(count),
    open(offset: number, startTime: number): SourceReader {
      let pos = offset;
      // A resumed paced source continues at the rate from its offset, not from event 0.
      const due = (i: number): number =>
        eps === undefined ? -Infinity : startTime + ((i - offset) * 1000) / eps;
      const reader: SourceReader = {
        read(max: number, now: number): unknown[] {
          let end = Math.min(count, pos + max);
          if (eps !== undefined) end = Math.min(end, offset + Math.floor(((now - startTime) * eps) / 1000) + 1);
          const rows: unknown[] = [];
          for (let i = pos; i < end; i++) rows.push(gen.at(i));
          if (end > pos) pos = end;
          return rows;
        },
        get done() {
          return pos >= count;
        },
        nextDue: () => due(pos),
        get offset() {
          return pos;
        },
      };
      return Number.isFinite(count) ? Object.assign(reader, { total: count }) : reader;
    },
  };
}
