import { afterEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { render, cleanup } from 'ink-testing-library';
import { StreamEnvironment, Windows, agg, nexmark, type JobHandle } from '../../../runtime/index.ts';
import { DataTable } from '../../../repl/dashboard/data-table.tsx';
import { BarChart, barLines } from '../../../repl/dashboard/bar-chart.tsx';
import { Sparkline, sparkline } from '../../../repl/dashboard/sparkline.tsx';
import { StatusLine } from '../../../repl/dashboard/status-line.tsx';
import { Dashboard } from '../../../repl/dashboard/dashboard.tsx';
import { JobPlayback } from '../../../repl/playback/job-playback.ts';

const plain = (s: string | undefined): string => (s ?? '').replace(/\x1b\[[0-9;]*m/g, '');

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(() => cleanup());

describe('the dashboard components', () => {
  it('draw a table with aligned columns and a row count', () => {
    const rows = [
      { key: 'a', bids: 12 },
      { key: 'bb', bids: 3 },
    ];
    const frame = plain(render(createElement(DataTable, { rows, total: 5, width: 40 })).lastFrame());
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^key\s+bids$/);
    expect(lines[2]).toMatch(/^a\s+12$/);
    expect(lines[3]).toMatch(/^bb\s+3$/);
    expect(lines[2]?.length).toBe(lines[3]?.length);
    expect(frame).toContain('showing 2 of 5 rows');
  });

  it('say so when a view has no rows yet', () => {
    expect(plain(render(createElement(DataTable, { rows: [], total: 0, width: 40 })).lastFrame())).toContain('(no rows yet)');
  });

  it('draw bars scaled to the largest value and to the width', () => {
    const bars = [
      { label: 'a', value: 10 },
      { label: 'b', value: 5 },
    ];
    const lines = barLines(bars, 30);
    expect(lines.map((l) => l.length)).toEqual([30, 30]);
    const blocks = lines.map((l) => (l.match(/█/g) ?? []).length);
    expect(blocks[0]).toBe(2 * (blocks[1] as number));
    const frame = plain(render(createElement(BarChart, { title: 'top bids', bars, width: 30 })).lastFrame());
    expect(frame.split('\n')[0]).toBe('top bids');
    expect(frame).toContain('a │██');
  });

  it('draw a sparkline from the smallest to the largest value', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8)).toBe('▁▂▃▄▅▆▇█');
    // Only the last `width` values, scaled among themselves: 6, 7, 8.
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 3)).toBe('▁▅█');
    const frame = plain(render(createElement(Sparkline, { label: 'bids per window', values: [3, 9, 6], width: 40 })).lastFrame());
    expect(frame).toBe('bids per window ▁█▅ 6');
  });

  it('show the status, events, rate, watermark lag, late events and dead letters on the status line', () => {
    const progress = { status: 'running' as const, eventsIn: 12_345, eventsPerSecond: 3000, watermark: Date.UTC(2026, 0, 1, 12, 0, 0), lateDropped: 4, deadLetters: 2, rows: 10 };
    const frame = plain(
      render(createElement(StatusLine, { status: 'paused', progress, clock: 'wall', now: Date.UTC(2026, 0, 1, 12, 0, 2), width: 200 })).lastFrame(),
    );
    // The terminal of ink-testing-library is 100 columns wide: the line wraps between its parts.
    expect(frame.split('\n').every((l) => l.length <= 100)).toBe(true);
    expect(frame.replace(/\n/g, ' ')).toBe('paused · 12,345 events in · 3,000 events/s · watermark 12:00:00.000 (2.0 s behind wall clock) · 4 late · 2 dead letters');
  });
});

describe('the dashboard', () => {
  let job: JobHandle | null = null;
  afterEach(async () => {
    await job?.stop();
    job = null;
  });

  function livePipeline(): { env: StreamEnvironment; job: JobHandle } {
    const env = new StreamEnvironment({ parallelism: 2 });
    env
      .fromGenerator(nexmark.bids({ seed: 1, rate: 2000, baseTime: Date.now() }), { eventsPerSecond: 2000 })
      .withWatermarks({ timestamp: (b) => b.dateTime, maxOutOfOrderness: 0 })
      .keyBy((b) => b.auction)
      .window(Windows.tumbling(200))
      .aggregate({ bids: agg.count() })
      .view({ name: 'hot', display: false, sortBy: ['windowEnd', 'bids'] });
    return { env, job: env.execute('dashboard test') };
  }

  it('redraws a live view in place, pauses and resumes with space, hints on → and returns on q', async () => {
    const live = livePipeline();
    job = live.job;
    let quit = 0;
    const app = render(
      createElement(Dashboard, { views: live.env.views(), controls: new JobPlayback(() => [live.job]), onQuit: () => quit++, refreshMs: 50 }),
    );
    await until(() => /hot/.test(plain(app.lastFrame())) && /windowEnd/.test(plain(app.lastFrame())), 'the table');
    const frame = plain(app.lastFrame());
    expect(frame).toMatch(/^running · [\d,]+ events in/m);
    expect(frame).toContain('top bids in the latest window');
    expect(frame).toContain('max bids per window');
    app.stdin.write(' ');
    await until(() => live.job.status === 'paused' && /^paused · /m.test(plain(app.lastFrame())), 'paused');
    app.stdin.write('\x1b[C');
    await until(() => plain(app.lastFrame()).includes('→ steps a replay'), 'the step hint');
    app.stdin.write(' ');
    await until(() => live.job.status === 'running' && /^running · /m.test(plain(app.lastFrame())), 'running again');
    app.stdin.write('q');
    await until(() => quit === 1, 'q');
    expect(live.job.status).toBe('running');
  });

  it('lays itself out again when the terminal is resized', async () => {
    const live = livePipeline();
    job = live.job;
    const app = render(createElement(Dashboard, { views: live.env.views(), controls: new JobPlayback(() => [live.job]), onQuit: () => {}, refreshMs: 50 }));
    await until(() => /windowEnd/.test(plain(app.lastFrame())), 'the table');
    // 100 columns: the chart's title is on the table's header line.
    await until(() => /windowEnd.*top bids in the latest window/.test(plain(app.lastFrame())), 'charts beside the table');
    Object.defineProperty(app.stdout, 'columns', { value: 60, configurable: true });
    app.stdout.emit('resize');
    await until(() => {
      const lines = plain(app.lastFrame()).split('\n');
      return lines.some((l) => l.startsWith('top bids in the latest window')) && lines.every((l) => l.length <= 60);
    }, 'charts under the table, within 60 columns');
  });
});
