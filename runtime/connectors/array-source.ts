// A bounded source over an in-memory array (fromElements, fromArray).
import type { SourceReader, SourceSpec } from './source.ts';

export function arraySource(name: string, items: readonly unknown[]): SourceSpec {
  const data = items.slice();
  return {
    name,
    bounded: true,
    portable: { kind: 'array', name, items: data },
    open(offset: number): SourceReader {
      let pos = offset;
      return {
        read(max: number): unknown[] {
          const end = Math.min(data.length, pos + max);
          const rows = data.slice(pos, end);
          pos = end;
          return rows;
        },
        get done() {
          return pos >= data.length;
        },
        nextDue: () => -Infinity,
        get offset() {
          return pos;
        },
        total: data.length,
      };
    },
  };
}
