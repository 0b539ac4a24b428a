// Timing: a warm-up sample (or several) first, then `runs` timed samples. A sample is one run, or as many
// back-to-back runs as fill `minSampleMs` when a run is shorter (a loop over 200k bids takes about a
// millisecond, too short to time alone); its time per run is the total divided by the runs. Every run,
// warm-up included, is checked by the caller's `check` (the result must equal the reference loop's).
// Garbage-collection pauses inside the timed samples are added up from Node's 'gc' performance entries.
//
// Samples run back to back by default, each paying for whatever collections fall in it. Forcing a full
// collection before each sample (--gc) looks cleaner but measures something else: it frees the previous
// job's operator objects, V8 then discards the optimized code that embedded them (deopt reason "weak
// objects"), and every sample starts by re-optimizing; q5 over 200k bids runs at half speed that way.
// A long-running job does not pay that, so the default measures the steady state.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver } from 'node:perf_hooks';

export interface MeasureOptions {
  readonly warmup: number;
  readonly runs: number;
  /** Repeat a run within one sample until the sample lasts this long. */
  readonly minSampleMs: number;
  /** Collect garbage before each sample (untimed). */
  readonly gcBetween: boolean;
  /** Called once the warm-up is over, before the first timed sample (starts a profile). */
  readonly afterWarmup?: () => Promise<void>;
  /** Before each run (reset the tally): a few field writes, inside the sample when it repeats runs. */
  readonly before: () => void;
  /** After each run (throws when the result is wrong): one comparison, likewise. */
  readonly check: () => void;
}

let collectGarbage: (() => void) | null | undefined;

export interface Samples {
  /** Time per run of each timed sample, in ms. */
  readonly ms: number[];
  /** Runs in each timed sample. */
  readonly reps: number[];
  /** CPU time (user + system, this process) per run of each timed sample, in ms: unlike wall time, it does
   * not count the time other processes hold the core, so it is the steadier number on a shared machine. */
  readonly cpuMs: number[];
  /** Share of the timed samples' wall time spent in garbage-collection pauses (NaN if unknown). */
  readonly gcShare: number;
}

/** Times `run` as configured. */
export async function measure(run: () => unknown, o: MeasureOptions): Promise<Samples> {
  const ms: number[] = [];
  const reps: number[] = [];
  const cpuMs: number[] = [];
  const windows: [number, number][] = [];
  const pauses: [number, number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < o.warmup + o.runs; i++) {
    if (i === o.warmup && o.afterWarmup !== undefined) await o.afterWarmup();
    if (o.gcBetween) (collectGarbage ??= findGc())?.();
    let n = 0;
    let elapsed = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    do {
      o.before();
      await run();
      o.check();
      n++;
      elapsed = performance.now() - t0;
    } while (elapsed < o.minSampleMs);
    const cpu = process.cpuUsage(c0);
    if (i >= o.warmup) {
      ms.push(elapsed / n);
      cpuMs.push((cpu.user + cpu.system) / 1000 / n);
      reps.push(n);
      windows.push([t0, t0 + elapsed]);
    }
  }
  await new Promise((r) => setTimeout(r, 20)); // the observer is told of entries asynchronously
  observer.disconnect();
  let gc = 0;
  let total = 0;
  for (const [a, b] of windows) {
    total += b - a;
    for (const [s, e] of pauses) gc += Math.max(0, Math.min(b, e) - Math.max(a, s));
  }
  return { ms, reps, cpuMs, gcShare: total > 0 ? gc / total : NaN };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Half the range of the samples, relative to their median (0.05 = ±5 %). */
export function spread(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  return (Math.max(...xs) - Math.min(...xs)) / 2 / median(xs);
}

/** global.gc when node runs with --expose-gc; otherwise the flag is set now and gc fetched from a fresh context. */
function findGc(): (() => void) | null {
  const g = (globalThis as { gc?: unknown }).gc;
  if (typeof g === 'function') return g as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const f: unknown = runInNewContext('gc');
    return typeof f === 'function' ? (f as () => void) : null;
  } catch {
    return null;
  }
}
