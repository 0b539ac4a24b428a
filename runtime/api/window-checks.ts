// Checks a window definition against the stream it applies to: a real assigner, event time only on a stream
// with timestamps, and no windows over a changelog.
import { RivuletError } from '../errors/rivulet-error.ts';
import { isWindowAssigner, type WindowAssigner } from '../time/windows/window-assigner.ts';
import type { LogicalNode } from '../graph/node.ts';

export function checkAssigner(assigner: unknown, input: LogicalNode, where: string): asserts assigner is WindowAssigner {
  if (!isWindowAssigner(assigner)) {
    throw new RivuletError('BAD_ARGUMENT', {
      where,
      name: 'the window',
      expected: 'Windows.tumbling(size), Windows.sliding(size, slide) or Windows.session(gap)',
      got: assigner,
    });
  }
  if (assigner.time === 'event' && !input.timestamps) {
    throw new RivuletError('NO_TIMESTAMPS', { operation: `${where}(${assigner.kind})` });
  }
  if (input.changelog) throw new RivuletError('CHANGELOG_INPUT', { operation: where });
}
