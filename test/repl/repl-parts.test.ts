import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CellEvaluator } from '../../runtime/session/evaluate/index.ts';
import { StreamEnvironment } from '../../runtime/index.ts';
import { completeLine } from '../../repl/completer.ts';
import { InterruptPolicy } from '../../repl/interrupt.ts';
import { nextSpeed } from '../../repl/playback/playback-controls.ts';
import { ReplayPlayback } from '../../repl/playback/replay-playback.ts';
import { choosePlayback } from '../../repl/playback/choose-playback.ts';
import { JobPlayback } from '../../repl/playback/job-playback.ts';
import { fractionOf, renderProgressBar } from '../../repl/progress/progress-bar.ts';
import { ReplDisplayTarget } from '../../repl/repl-display-target.ts';
import { historyPath } from '../../repl/history-file.ts';

describe('tab completion', () => {
  const evaluator = new CellEvaluator({ context: { env: new StreamEnvironment(), envelope: 1 } });
  const sources = { evaluator, commands: () => ['view', 'views', 'dash', 'help'], viewNames: () => ['hot', 'categories'] };

  it('completes names and members through the evaluator', () => {
    expect(completeLine(sources, 'env.vi')).toEqual([['view', 'views'], 'vi']);
    expect(completeLine(sources, 'const x = enve')[0]).toEqual(['envelope']);
  });

  it('completes dot-commands and the view names after .view', () => {
    expect(completeLine(sources, '.vi')).toEqual([['.view', '.views'], '.vi']);
    expect(completeLine(sources, '.view ho')).toEqual([['hot'], 'ho']);
    expect(completeLine(sources, '.view hot c')).toEqual([['categories'], 'c']);
  });
});

describe('Ctrl-C', () => {
  it('stops streams first, then clears the line, then warns and exits on a second press', () => {
    const p = new InterruptPolicy();
    expect(p.next({ runningJobs: 2, lineEmpty: false })).toBe('stop-streams');
    expect(p.next({ runningJobs: 0, lineEmpty: false })).toBe('clear-line');
    expect(p.next({ runningJobs: 0, lineEmpty: true })).toBe('warn-exit');
    expect(p.next({ runningJobs: 0, lineEmpty: true })).toBe('exit');
  });

  it('warns again after another key', () => {
    const p = new InterruptPolicy();
    expect(p.next({ runningJobs: 0, lineEmpty: true })).toBe('warn-exit');
    p.reset();
    expect(p.next({ runningJobs: 0, lineEmpty: true })).toBe('warn-exit');
  });
});

describe('playback', () => {
  it('moves the speed through the steps and stays within them', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(32, 1)).toBe(32);
    expect(nextSpeed(0.25, -1)).toBe(0.25);
    expect(nextSpeed(3, 1)).toBe(8); // 3 is closest to 4
  });

  it('prefers env.replay once it drives a replay of the environment, with step and speed', async () => {
    const env = new StreamEnvironment();
    env.fromRecording(join(import.meta.dirname, '../../data/nexmark-bids.jsonl')).addSink(() => {});
    await env.replay.step(3);
    const controls = choosePlayback([env]);
    expect(controls).toBeInstanceOf(ReplayPlayback);
    expect(controls.status).toBe('paused');
    controls.setSpeed?.(4);
    expect(controls.speed).toBe(4);
    await controls.step?.(1);
    expect(env.replay.state.position.events).toBe(4);
    expect(controls.position).toBe(env.replay.state.position.eventTime);
    await env.replay.job?.stop();
  });

  it('steers running jobs when there is no replay, without step or speed', async () => {
    const env = new StreamEnvironment();
    env.fromGenerator((i) => i, { eventsPerSecond: 100 }).addSink(() => {});
    const job = env.execute();
    const controls = choosePlayback([env]);
    expect(controls).toBeInstanceOf(JobPlayback);
    expect(controls.step).toBeUndefined();
    expect(controls.setSpeed).toBeUndefined();
    expect(controls.status).toBe('running');
    controls.pause();
    expect(job.status).toBe('paused');
    expect(controls.status).toBe('paused');
    controls.resume();
    expect(job.status).toBe('running');
    await job.stop();
    expect(controls.status).toBe('idle');
  });
});

describe('the progress bar', () => {
  it('shows the share done, events, rate and time left', () => {
    const line = renderProgressBar({ fraction: 0.25, events: 100_000, elapsedMs: 2000 }, 100);
    expect(line).toMatch(/^\[█+░+\] 25% · 100,000 events · 50,000 events\/s · ETA 6 s$/);
    const bar = /^\[([█░]+)\]/.exec(line)?.[1] ?? '';
    expect((bar.match(/█/g) ?? []).length / bar.length).toBeCloseTo(0.25, 1);
  });

  it('shows the rate and time so far when the length is unknown', () => {
    expect(renderProgressBar({ fraction: null, events: 5000, elapsedMs: 1000 }, 100)).toBe('running · 5,000 events · 5,000 events/s · 1 s so far');
  });

  it('averages the share read over the sources that know their length', () => {
    expect(fractionOf([{ offset: 50, total: 100 }, { offset: 10, total: 10 }, { offset: 7, total: undefined }])).toBe(0.75);
    expect(fractionOf([{ offset: 7, total: undefined }])).toBeNull();
  });

  it('knows how long its sources are: bytes of a file, elements of an array, a bounded generator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rivulet-progress-'));
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, '{"a":1}\n{"a":2}\n{"a":3}\n');
    const env = new StreamEnvironment();
    env.fromJsonl(file).addSink(() => {});
    env.fromElements(1, 2, 3, 4).addSink(() => {});
    env.fromGenerator((i) => i, { count: 10 }).addSink(() => {});
    const handle = env.execute();
    await handle;
    expect(handle.sourceProgress).toEqual([
      { offset: 24, total: 24 },
      { offset: 4, total: 4 },
      { offset: 10, total: 10 },
    ]);
    expect(fractionOf(handle.sourceProgress)).toBe(1);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the REPL display target', () => {
  it('announces a live view once and prints its table when it ends, but nothing while a dashboard is open', () => {
    const printed: string[] = [];
    let open = false;
    const t = new ReplDisplayTarget({ print: (s) => printed.push(s), dashboardOpen: () => open });
    t.show({ 'text/plain': 'hot · running · 1 events in · 0 events/s' }, 'rivulet-view-1-hot');
    t.update('rivulet-view-1-hot', { 'text/plain': 'hot · running · 2 events in · 0 events/s' });
    expect(printed).toEqual(['view hot is live: .view hot (or .dash) shows it']);
    t.update('rivulet-view-1-hot', { 'text/plain': 'hot · finished · 3 events in · 0 events/s\ntable' }, { final: true });
    expect(printed[1]).toBe('hot · finished · 3 events in · 0 events/s\ntable');
    open = true;
    t.update('rivulet-view-1-hot', { 'text/plain': 'hot · stopped · 4 events in · 0 events/s\ntable' }, { final: true });
    expect(printed).toHaveLength(2);
  });
});

describe('the history file', () => {
  it('is ~/.rivulet_history unless RIVULET_HISTORY names another (or is empty: no history)', () => {
    expect(historyPath({ HOME: '/home/ann' })).toMatch(/\.rivulet_history$/);
    expect(historyPath({ RIVULET_HISTORY: '/tmp/h' })).toBe('/tmp/h');
    expect(historyPath({ RIVULET_HISTORY: '' })).toBeNull();
  });
});
