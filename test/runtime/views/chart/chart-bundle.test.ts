import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { describe, expect, it } from 'vitest';
import { chartBundle } from '../../../../runtime/views/chart/index.ts';
import { T0 } from './fixtures.ts';
import { marks, parseSvg } from './svg-tree.ts';

type Change = { op: '+I' | '-U' | '+U' | '-D'; key: string; windowStart: number; windowEnd: number; bids: number };

/** What a view does with a changelog (here in miniature): keep one row per (key, windowStart). */
function materialize(changes: Change[]): ColumnTable {
  const rows = new Map<string, Omit<Change, 'op'>>();
  for (const { op, ...row } of changes) {
    const id = `${row.key}|${row.windowStart}`;
    if (op === '+I' || op === '+U') rows.set(id, row);
    else rows.delete(id);
  }
  return aq.from([...rows.values()]);
}

const w = (i: number): { windowStart: number; windowEnd: number } => ({ windowStart: T0 + i * 2_000, windowEnd: T0 + i * 2_000 + 10_000 });

describe('chartBundle', () => {
  it('offers the Vega-Lite spec, an SVG and a text description', async () => {
    const changes: Change[] = [0, 1, 2].flatMap((i) => [
      { op: '+I' as const, key: 'a', ...w(i), bids: 10 + i },
      { op: '+I' as const, key: 'b', ...w(i), bids: 20 + i },
    ]);
    const bundle = await chartBundle(materialize(changes), {});
    expect(Object.keys(bundle).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
    expect(bundle['application/vnd.vegalite.v5+json'].$schema).toMatch(/vega-lite\/v\d+\.json$/);
    expect(bundle['image/svg+xml']).toMatch(/^<svg /);
    expect(bundle['text/plain']).toBe('Chart "bids per key": line of bids over windowEnd, colored by key, 6 points.');
  });

  it('moves the point of a window that the changelog updates, rather than adding one', async () => {
    const first: Change[] = [0, 1, 2].flatMap((i) => [
      { op: '+I' as const, key: 'a', ...w(i), bids: 40 },
      { op: '+I' as const, key: 'b', ...w(i), bids: 80 },
    ]);
    // A late event re-fires window 1 of key a: a retraction, then the new result.
    const update: Change[] = [{ op: '-U', key: 'a', ...w(1), bids: 40 }, { op: '+U', key: 'a', ...w(1), bids: 60 }];
    const before = await chartBundle(materialize(first), {});
    const after = await chartBundle(materialize([...first, ...update]), {});

    const specBefore = before['application/vnd.vegalite.v5+json'] as { data: { values: Record<string, unknown>[] } };
    const specAfter = after['application/vnd.vegalite.v5+json'] as { data: { values: Record<string, unknown>[] } };
    expect(specAfter.data.values).toHaveLength(specBefore.data.values.length);
    expect(specAfter.data.values.filter((v) => v.key === 'a' && v.windowEnd === w(1).windowEnd)).toEqual([
      { key: 'a', windowEnd: w(1).windowEnd, bids: 60 },
    ]);

    const pointsBefore = marks(parseSvg(before['image/svg+xml']), 'mark-symbol', 'role-mark');
    const pointsAfter = marks(parseSvg(after['image/svg+xml']), 'mark-symbol', 'role-mark');
    expect(pointsAfter).toHaveLength(pointsBefore.length);
    // Compare positions as sets: the view may list the updated row in another place.
    const positions = (ps: typeof pointsBefore): string[] => ps.map((p) => /translate\(([-\d.]+),([-\d.]+)\)/.exec(p.attrs.transform ?? '')?.slice(1).join(',') ?? '?');
    const was = positions(pointsBefore);
    const now = positions(pointsAfter);
    const gone = was.filter((p) => !now.includes(p));
    const came = now.filter((p) => !was.includes(p));
    expect(gone).toHaveLength(1);
    expect(came).toHaveLength(1);
    const [oldX, oldY] = (gone[0] as string).split(',').map(Number) as [number, number];
    const [newX, newY] = (came[0] as string).split(',').map(Number) as [number, number];
    expect(newX).toBe(oldX); // same window end: the point moved up, not sideways
    expect(newY).toBeLessThan(oldY);
    const mover = pointsAfter[now.indexOf(came[0] as string)];
    expect(mover?.attrs['aria-label']).toMatch(/bids: 60; key: a$/);
  });

  it('drops the point of a window that the changelog deletes', async () => {
    const first: Change[] = [0, 1].map((i) => ({ op: '+I' as const, key: 'a', ...w(i), bids: 5 }));
    const after = await chartBundle(materialize([...first, { op: '-D', key: 'a', ...w(0), bids: 5 }]), {});
    expect(marks(parseSvg(after['image/svg+xml']), 'mark-symbol', 'role-mark')).toHaveLength(1);
  });

  it('describes the top-N cut and bar charts in its text', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({ key: `k${i}`, n: i }));
    const bundle = await chartBundle(rows, {});
    expect(bundle['text/plain']).toBe('Chart "n by key" (top 10 of 14 keys): bars of n by key, 10 rows.');
  });

  it('renders a placeholder for a view with no columns yet', async () => {
    const bundle = await chartBundle([], {});
    expect(bundle['text/plain']).toBe('Chart "waiting for rows": no rows yet.');
    expect(bundle['image/svg+xml']).toContain('no rows yet');
  });
});
