// --profile DIR: a V8 CPU profile of each case's timed samples only (not start-up, generation, the reference
// loop or the warm-up), written as DIR/<query>-<mode>.cpuprofile through the inspector. Summarise them with
// bench/profile-summary.ts. Sampling costs a little, so timings taken with --profile are not the benchmark's.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningProfile {
  /** Stops the profiler and writes the profile to `file` in `dir`. */
  stop(dir: string, file: string): Promise<string>;
}

export async function startProfile(): Promise<RunningProfile> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(dir: string, file: string): Promise<string> {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, file);
      writeFileSync(path, JSON.stringify(profile));
      return path;
    },
  };
}

/** A file name from a case label: "q5 runtime, array, p4" → "q5-runtime-array-p4.cpuprofile". */
export function profileFileName(label: string): string {
  return label.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') + '.cpuprofile';
}
