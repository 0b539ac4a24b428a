import { describe, expect, it } from 'vitest';
import { CellEvaluator } from '../../../../runtime/session/evaluate/cell-evaluator.ts';
import { currentCell } from '../../../../runtime/session/evaluate/cell-context.ts';

describe('currentCell', () => {
  it('is undefined outside any cell', () => {
    expect(currentCell()).toBeUndefined();
  });

  it('follows a timer started in cell A after cell B started', async () => {
    const seen: { cell: string | undefined; tag: string }[] = [];
    const ev = new CellEvaluator({ context: { seen, currentCell } });
    let done!: () => void;
    const finished = new Promise<void>((ok) => (done = ok));
    ev.scope.done = done;
    await ev.evaluate("setTimeout(() => { seen.push({ cell: currentCell(), tag: 'timer' }); done() }, 30)", { cellId: 'A' });
    await ev.evaluate("seen.push({ cell: currentCell(), tag: 'b' })\nawait new Promise((ok) => setTimeout(ok, 60))", { cellId: 'B' });
    await finished;
    expect(seen).toEqual([
      { cell: 'B', tag: 'b' },
      { cell: 'A', tag: 'timer' },
    ]);
  });

  it('names cells cell-1, cell-2, ... when no id is given', async () => {
    const ev = new CellEvaluator({ context: { currentCell } });
    expect((await ev.evaluate('currentCell()')).value).toBe('cell-1');
    expect((await ev.evaluate('await Promise.resolve(); currentCell()')).value).toBe('cell-2');
  });
});
