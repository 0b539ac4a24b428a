// Test helpers shared by the process-function and join tests: one keyed operator run as p partitions of
// OperatorHarness (rows routed by key group, every partition getting every watermark, as a hash exchange does),
// snapshots taken with the harness (the real capture and codec), and restore of those snapshots into p' fresh
// partitions with the real restoreInstances (key groups reassigned, timers in their firing order).
import { OperatorHarness, type OperatorFactory } from '../../../helpers/operator-harness.ts';
import type { Operator } from '../../../../runtime/exec/operator.ts';
import type { InstanceSnapshot } from '../../../../runtime/snapshot/snapshot-model.ts';
import { restoreInstances } from '../../../../runtime/snapshot/restore-into-plan.ts';
import { createPartitioner } from '../../../../runtime/exec/partitioning/index.ts';
import { VirtualClock } from '../../../../runtime/time/clock.ts';

const MAX_P = 128;

export interface PushColumns {
  ts?: readonly number[];
  wm?: readonly number[];
  wmEnd: number;
}

/** One step of a scripted run. */
export type Step = (d: Partitioned) => void;

export class Partitioned<O extends Operator = Operator> {
  readonly parts: OperatorHarness<O>[];
  private readonly route: (row: unknown) => number;

  constructor(
    readonly factory: OperatorFactory<O>,
    readonly parallelism: number,
    readonly key: (row: any) => unknown,
    readonly clock: VirtualClock = new VirtualClock(0),
    parts?: OperatorHarness<O>[],
  ) {
    this.parts =
      parts ??
      Array.from({ length: parallelism }, (_, i) => new OperatorHarness(factory, { partition: i, parallelism, clock, maxParallelism: MAX_P }));
    const partitioner = createPartitioner('key-groups', parallelism, MAX_P);
    this.route = (row) => (parallelism === 1 ? 0 : partitioner.partitionOf(key(row)));
  }

  /** A batch: each row to the partition owning its key (with its ts and watermark), wmEnd to every partition. */
  push(rows: readonly unknown[], cols: PushColumns): this {
    const p = this.parallelism;
    const split = Array.from({ length: p }, () => ({ rows: [] as unknown[], ts: [] as number[], wm: [] as number[] }));
    rows.forEach((row, i) => {
      const s = split[this.route(row)]!;
      s.rows.push(row);
      if (cols.ts) s.ts.push(cols.ts[i]!);
      if (cols.wm) s.wm.push(cols.wm[i]!);
    });
    split.forEach((s, j) => {
      this.parts[j]!.push(s.rows, {
        ...(cols.ts ? { ts: s.ts } : {}),
        ...(cols.wm ? { wm: s.wm } : {}),
        wmEnd: cols.wmEnd,
      });
    });
    return this;
  }

  setProcessingTime(t: number): this {
    for (const h of this.parts) h.setProcessingTime(t);
    return this;
  }

  finish(): this {
    for (const h of this.parts) h.finish();
    return this;
  }

  snapshot(): InstanceSnapshot[] {
    return this.parts.map((h) => h.snapshot());
  }

  /** Fresh partitions (p of them) restored from `snaps`, on a clock at `now`. */
  static restore<O extends Operator>(
    factory: OperatorFactory<O>,
    snaps: InstanceSnapshot[],
    parallelism: number,
    key: (row: any) => unknown,
    now: number,
  ): Partitioned<O> {
    const clock = new VirtualClock(now);
    const d = new Partitioned(factory, parallelism, key, clock);
    restoreInstances(snaps, d.parts, { maxParallelism: MAX_P, partitioner: 'key-groups' });
    return d;
  }

  /** Every row of the main output (as JSON), partition by partition. */
  main(): string[] {
    return this.parts.flatMap((h) => h.output().map((c) => c.op + JSON.stringify(c.row)));
  }

  /** Every row of side output `name` (as JSON). */
  side(name: string): string[] {
    return this.parts.flatMap((h) => h.side(name).rows().map((r) => JSON.stringify(r)));
  }

  problems(): string[] {
    return this.parts.flatMap((h) => h.problems);
  }
}

/**
 * Runs `script` uninterrupted at parallelism `p`, then, for every cut point, runs the first part at `p`,
 * snapshots, restores at `q` and runs the rest; returns what each interrupted run produced next to the
 * uninterrupted one, as sorted multisets of main and side rows (order across partitions is not fixed).
 */
export function restoredRuns<O extends Operator>(
  factory: OperatorFactory<O>,
  key: (row: any) => unknown,
  script: Step[],
  p: number,
  q: number,
  sides: string[],
  cuts: number[] = script.map((_, i) => i),
): { cut: number; expected: Record<string, string[]>; actual: Record<string, string[]> }[] {
  const collect = (runs: Partitioned[]): Record<string, string[]> => {
    const out: Record<string, string[]> = { main: runs.flatMap((r) => r.main()).sort() };
    for (const s of sides) out[s] = runs.flatMap((r) => r.side(s)).sort();
    return out;
  };
  const whole = new Partitioned(factory, p, key);
  for (const s of script) s(whole);
  const expected = collect([whole]);
  if ((expected.main ?? []).length === 0) throw new Error('restoredRuns: the uninterrupted run emitted nothing');
  return cuts.map((cut) => {
    const first = new Partitioned(factory, p, key);
    for (const s of script.slice(0, cut)) s(first);
    const second = Partitioned.restore(factory, first.snapshot(), q, key, first.clock.now());
    for (const s of script.slice(cut)) s(second);
    const problems = [...first.problems(), ...second.problems()];
    if (problems.length > 0) throw new Error(`protocol problems: ${problems.join('; ')}`);
    return { cut, expected, actual: collect([first, second]) };
  });
}
