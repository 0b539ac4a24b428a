import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { ChangelogOperator } from '../../../runtime/operators/changelog.ts';

describe('ChangelogOperator', () => {
  it('copies each row with its kind in an op field and emits plain inserts', () => {
    const h = new OperatorHarness((ctx) => new ChangelogOperator(ctx.out));
    h.push([{ k: 'a', n: 1 }, { k: 'a', n: 1 }, { k: 'a', n: 2 }, 5], { ops: ['+I', '-U', '+U', '-D'], ts: [1, 2, 3, 4] });
    expect(h.timedOutput()).toEqual([
      { op: '+I', row: { op: '+I', k: 'a', n: 1 }, ts: 1, wm: null },
      { op: '+I', row: { op: '-U', k: 'a', n: 1 }, ts: 2, wm: null },
      { op: '+I', row: { op: '+U', k: 'a', n: 2 }, ts: 3, wm: null },
      { op: '+I', row: { op: '-D', value: 5 }, ts: 4, wm: null },
    ]);
  });

  it('tags rows of an append-only batch as +I', () => {
    const h = new OperatorHarness((ctx) => new ChangelogOperator(ctx.out));
    h.push([{ x: 1 }]);
    expect(h.outputRows()).toEqual([{ op: '+I', x: 1 }]);
  });
});
