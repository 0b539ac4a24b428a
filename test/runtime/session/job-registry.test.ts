import { describe, expect, it } from 'vitest';
import { StreamEnvironment, type JobHandle } from '../../../runtime/index.ts';
import { onJobStarted, runningJobs, stopAllJobs } from '../../../runtime/session/job-registry.ts';

describe('the job registry', () => {
  it('announces every job as it starts and stops them all, in every environment', async () => {
    const started: JobHandle[] = [];
    const off = onJobStarted((j) => void started.push(j));
    try {
      const a = new StreamEnvironment();
      const b = new StreamEnvironment();
      a.fromGenerator((i: number) => i, { eventsPerSecond: 100 }).addSink(() => {});
      b.fromGenerator((i: number) => i, { eventsPerSecond: 100 }).addSink(() => {});
      const ja = a.execute('a');
      const jb = b.execute('b');
      expect(started).toEqual([ja, jb]);
      expect(runningJobs().map((j) => j.handle)).toEqual(expect.arrayContaining([ja, jb]));
      expect(runningJobs().find((j) => j.handle === ja)?.env).toBe(a);
      expect(await stopAllJobs()).toBeGreaterThanOrEqual(2);
      expect([(await ja).status, (await jb).status]).toEqual(['stopped', 'stopped']);
      expect(runningJobs().map((j) => j.handle)).not.toContain(ja);
    } finally {
      off();
    }
  });
});
