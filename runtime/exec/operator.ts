// The contract between the executor and an operator instance (one partition of one logical operator).
// An operator receives its inputs already merged into one logical input by its InputGate, processes a batch
// synchronously, and pushes what it produces to its Output.
import type { Batch } from './batch.ts';
import type { Clock } from '../time/clock.ts';
import type { KeyedStateBackend } from '../state/keyed-state-backend.ts';
import type { JobMetrics } from './job-metrics.ts';
import type { TimerService } from '../time/timer-service.ts';

export interface Output {
  push(b: Batch): void;
  /** A checkpoint barrier: everything pushed before it belongs to checkpoint `id`, everything after to the next. */
  barrier(id: number): void;
  /** This sender will send nothing more. */
  end(): void;
}

export interface Operator {
  /** A batch of the merged input. Rows without a per-row watermark are at the operator's current watermark. */
  process(b: Batch): void;
  /** Every input has ended: flush what is pending, push the last batch, end the outputs. */
  finish(): void;
  /** Processing time moved to `now` (called by the executor between batches). */
  onProcessingTime?(now: number): void;
  /**
   * The operator's own (non-keyed) state at a checkpoint barrier: watermarks, counters, pending output.
   * Must be structured-cloneable and must not share objects the operator keeps mutating.
   */
  snapshotState?(checkpointId: number): unknown;
  /**
   * Restores from the states of every instance of this operator in the snapshot (in partition order, one
   * per old instance, possibly another number than now) before any input.
   */
  restoreState?(states: unknown[]): void;
  /** Checkpoint `id` is complete (written and durable): commit what was staged for it (two-phase sinks). */
  notifyCheckpointComplete?(id: number): void;
  /** The job stopped on request (not a crash): commit what can be committed. */
  onStop?(): void;
}

export interface OperatorContext {
  readonly partition: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly clock: Clock;
  readonly out: Output;
  /** The output of a named side stream (e.g. "late"); a no-op output when nobody consumes it. */
  side(name: string): Output;
  readonly state: KeyedStateBackend;
  /** Event-time timers of this partition, by key (snapshotted per key group with the keyed state). */
  readonly eventTimers: TimerService;
  /** Processing-time timers of this partition, by key. */
  readonly processingTimers: TimerService;
  readonly metrics: JobMetrics;
  /** Where print() writes text. */
  readonly write: (text: string) => void;
  /** Whether the job takes periodic checkpoints (two-phase sinks then commit with each checkpoint). */
  readonly checkpointing: boolean;
}

export const NULL_OUTPUT: Output = { push() {}, barrier() {}, end() {} };
