// OutputTag (Flink's OutputTag<T>): names a side output of a process function or an interval join. A plain
// string works as well; `sideOutputName` turns either into the name the physical plan wires.
import { RivuletError } from '../../errors/rivulet-error.ts';

export class OutputTag<T = unknown> {
  /** Only for typing: the type of the values sent to this tag. */
  declare readonly __type?: T;

  constructor(readonly id: string) {
    if (typeof id !== 'string' || id === '') {
      throw new RivuletError('BAD_ARGUMENT', { where: 'new OutputTag', name: 'the id', expected: 'a non-empty string', got: id });
    }
  }

  toString(): string {
    return `OutputTag(${this.id})`;
  }
}

/** The side output name of a tag; user tags live apart from the operators' own side outputs (e.g. "late"). */
export function sideOutputName(where: string, tag: unknown): string {
  if (tag instanceof OutputTag) return `tag:${tag.id}`;
  if (typeof tag === 'string' && tag !== '') return `tag:${tag}`;
  throw new RivuletError('BAD_ARGUMENT', { where, name: 'the tag', expected: 'an OutputTag or a non-empty string', got: tag });
}
