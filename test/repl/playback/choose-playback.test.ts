import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { StreamEnvironment } from '../../../runtime/index.ts';
import { choosePlayback } from '../../../repl/playback/choose-playback.ts';
import { JobPlayback } from '../../../repl/playback/job-playback.ts';
import { ReplayPlayback } from '../../../repl/playback/replay-playback.ts';

const bidsRecording = join(import.meta.dirname, '../../../data/nexmark-bids.jsonl');

describe('the playback a dashboard gets', () => {
  it('steers the running jobs when no replay drives the environment', async () => {
    const env = new StreamEnvironment();
    env.fromGenerator((i: number) => i, { eventsPerSecond: 100 }).addSink(() => {});
    const job = env.execute('plain');
    try {
      const p = choosePlayback([env]);
      expect(p).toBeInstanceOf(JobPlayback);
      p.pause();
      expect(job.status).toBe('paused');
    } finally {
      await job.stop();
    }
  });

  it('steers env.replay once it drives a replay, and → steps one event', async () => {
    const env = new StreamEnvironment();
    env.fromRecording(bidsRecording).addSink(() => {});
    expect(choosePlayback([env])).toBeInstanceOf(JobPlayback);
    await env.replay.step(3);
    const p = choosePlayback([env]);
    expect(p).toBeInstanceOf(ReplayPlayback);
    await p.step?.(1);
    expect(env.replay.state.position.events).toBe(4);
    expect(p.status).toBe('paused');
    await env.replay.job?.stop();
  });
});
