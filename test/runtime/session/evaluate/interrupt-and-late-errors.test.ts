import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { CellEvaluator } from '../../../../runtime/session/evaluate/cell-evaluator.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('CellEvaluator.interrupt and explainError', () => {
  it('runs the next cell without waiting for a cell an interrupt gave up on', async () => {
    const ev = new CellEvaluator();
    await ev.evaluate('let resume: () => void = () => {}\nconst kept = 7');
    const stuck = ev.evaluate('await new Promise<void>((r) => { resume = r })\n"resumed"', { cellId: 'stuck' });
    ev.interrupt();
    expect((await ev.evaluate('kept * 6')).value).toBe(42);
    await ev.evaluate('resume()');
    expect((await stuck).value).toBe('resumed');
  });

  it('places an error thrown later by a function of an earlier cell at that cell line', async () => {
    const ev = new CellEvaluator({ cwd: repoRoot });
    await ev.evaluate('function check(x: number) {\n  if (x > 2) throw new RangeError("too big: " + x)\n  return x\n}', { cellId: 'In[1]' });
    let thrown: unknown;
    try {
      (ev.scope.check as (x: number) => number)(5);
    } catch (e) {
      thrown = e;
    }
    const e = ev.explainError(new Error('the job failed', { cause: thrown }), 'In[2]');
    expect([e.ename, e.evalue, e.line, e.column]).toEqual(['Error', 'the job failed', 2, 20]);
    expect(e.stack).toContain('Caused by: RangeError: too big: 5\n    at check (In[1]:2:20)');
    const unknown = ev.explainError(new TypeError('from nowhere'), 'In[2]');
    expect([unknown.ename, unknown.line]).toEqual(['TypeError', undefined]);
  });
});
