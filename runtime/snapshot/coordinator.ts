// The checkpoint coordinator of one job (Flink's CheckpointCoordinator, for one process): injects barrier n at
// every source, collects each instance's state as the barrier aligns through it, writes the snapshot
// directory, and then tells the operators checkpoint n is complete (two-phase sinks commit then). One
// checkpoint is in flight at a time. Periodic checkpoints go to <dir>/chk-<n>, keeping the latest `retain`.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { captureInstance, isStateful } from './capture.ts';
import { writeSnapshot } from './snapshot-writer.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, instanceFile, type InstanceSnapshot, type Manifest, type OperatorInfo, type Snapshot } from './snapshot-model.ts';
import { decodeInstance } from './instance-codec.ts';
import type { PhysicalPlan, Instance } from '../exec/physical-plan.ts';

export interface CoordinatorSettings {
  readonly job: string;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: string;
  /** The id of the checkpoint restored from, so that new ids follow it. */
  readonly restoredId: number;
}

/** Injects a barrier at every live source and returns every source's offset (by operator id). */
export type BarrierInjector = (id: number) => Record<string, number>;

export interface CheckpointingSettings {
  readonly intervalMs: number;
  readonly dir: string;
  readonly retain: number;
}

export class CheckpointCoordinator {
  private nextId: number;
  private inflight: Promise<Manifest> | null = null;
  private capturing: { id: number; files: Map<string, Buffer> } | null = null;
  private readonly stateful: Instance[];

  constructor(
    private readonly plan: PhysicalPlan,
    private readonly settings: CoordinatorSettings,
    private readonly inject: BarrierInjector,
  ) {
    this.nextId = settings.restoredId + 1;
    this.stateful = plan.instances.filter(isStateful);
    for (const inst of plan.instances) {
      inst.gate.onAligned = (id) => {
        this.aligned(inst, id);
        for (const o of inst.outputs) o.barrier(id);
      };
    }
  }

  get busy(): boolean {
    return this.inflight !== null;
  }

  /** Takes a checkpoint now and writes it to `dir`; resolves once it is durable and committed. */
  async snapshot(dir: string): Promise<Manifest> {
    while (this.inflight !== null) await this.inflight.catch(() => undefined);
    const id = this.nextId++;
    const { files, sources } = this.take(id);
    const write = writeSnapshot(dir, this.manifest(id, sources), files).then((m) => {
      for (const inst of this.plan.instances) inst.op.notifyCheckpointComplete?.(id);
      return m;
    });
    this.inflight = write;
    try {
      return await write;
    } finally {
      this.inflight = null;
    }
  }

  /**
   * Takes a snapshot now and keeps it in memory, already decoded (a deep copy), without telling sinks to commit:
   * what replay's automatic snapshots are. Call it between batches, never while a checkpoint is in flight.
   */
  capture(): Snapshot {
    if (this.inflight !== null) throw new Error('internal: an in-memory snapshot was asked for while a checkpoint is in flight');
    const id = this.nextId++;
    const { files, sources } = this.take(id);
    const manifest: Manifest = { ...this.manifest(id, sources), files: {} };
    const instances = new Map<string, InstanceSnapshot[]>();
    for (const op of manifest.operators) {
      if (!op.stateful) continue;
      const list: InstanceSnapshot[] = [];
      for (let p = 0; p < op.parallelism; p++) list.push(decodeInstance(files.get(instanceFile(op.id, p)) as Buffer));
      instances.set(op.id, list);
    }
    return { dir: '(in memory)', manifest, instances };
  }

  /** Injects barrier `id` and collects every stateful instance's encoded state as it aligns. */
  private take(id: number): { files: Map<string, Buffer>; sources: Record<string, number> } {
    const files = new Map<string, Buffer>();
    this.capturing = { id, files };
    let sources: Record<string, number>;
    try {
      sources = this.inject(id);
      for (const inst of this.stateful) {
        const name = instanceFile(inst.id, inst.partition);
        if (files.has(name)) continue;
        // An instance whose input has ended took no barrier: its state is final, take it as it is.
        if (!inst.gate.finished) throw new Error(`internal: checkpoint ${id} did not align at "${inst.node.label}"`);
        files.set(name, captureInstance(inst, id, this.settings.maxParallelism));
      }
    } finally {
      this.capturing = null;
    }
    return { files, sources };
  }

  /** A periodic checkpoint into `<dir>/chk-<n>`, then the oldest beyond `retain` are deleted. */
  async checkpoint(c: CheckpointingSettings): Promise<Manifest> {
    this.nextId = Math.max(this.nextId, latestCheckpointId(c.dir) + 1);
    const m = await this.snapshot(join(c.dir, checkpointName(this.nextId)));
    pruneCheckpoints(c.dir, c.retain);
    return m;
  }

  private aligned(inst: Instance, id: number): void {
    const c = this.capturing;
    if (c === null || c.id !== id || !isStateful(inst)) return;
    c.files.set(instanceFile(inst.id, inst.partition), captureInstance(inst, id, this.settings.maxParallelism));
  }

  private manifest(id: number, sources: Record<string, number>): Omit<Manifest, 'files'> {
    const operators = operatorInfos(this.plan);
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      checkpointId: id,
      createdAt: new Date().toISOString(),
      job: this.settings.job,
      fingerprint: fingerprint(operators),
      parallelism: this.settings.parallelism,
      maxParallelism: this.settings.maxParallelism,
      partitioner: this.settings.partitioner,
      sources,
      operators,
    };
  }
}

function operatorInfos(plan: PhysicalPlan): OperatorInfo[] {
  const infos = new Map<string, OperatorInfo>();
  for (const s of plan.sources) infos.set(s.id, { id: s.id, kind: s.node.kind, label: s.node.label, parallelism: 1, stateful: false });
  for (const inst of plan.instances) {
    const prev = infos.get(inst.id);
    const parallelism = (prev?.parallelism ?? 0) + 1;
    infos.set(inst.id, { id: inst.id, kind: inst.node.kind, label: inst.node.label, parallelism, stateful: isStateful(inst) });
  }
  return [...infos.values()];
}

function fingerprint(ops: OperatorInfo[]): string {
  const ids = ops.filter((o) => o.kind !== 'sink').map((o) => o.id).sort();
  return createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
}

export function checkpointName(id: number): string {
  return `chk-${String(id).padStart(6, '0')}`;
}

function latestCheckpointId(dir: string): number {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const n of readdirSync(dir)) {
    const m = /^chk-(\d+)$/.exec(n);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** Keeps the `retain` newest complete checkpoints; removes older ones and leftovers of interrupted writes. */
export function pruneCheckpoints(dir: string, retain: number): void {
  if (!existsSync(dir)) return;
  const names = readdirSync(dir);
  const complete = names.filter((n) => /^chk-\d+$/.test(n)).sort();
  for (const n of complete.slice(0, Math.max(0, complete.length - retain))) rmSync(join(dir, n), { recursive: true, force: true });
  for (const n of names) if (/^\.chk-\d+\.tmp-/.test(n) && !n.includes(`tmp-${process.pid}-`)) rmSync(join(dir, n), { recursive: true, force: true });
}

