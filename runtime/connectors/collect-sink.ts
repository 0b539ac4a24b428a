// collect(): gathers a stream's rows (from every partition) into one CollectBuffer.
import type { Batch } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import type { CollectBuffer } from './collect-buffer.ts';

export class CollectSink implements Operator {
  constructor(
    private readonly buffer: CollectBuffer,
    private readonly done: Output,
  ) {}
  process(b: Batch): void {
    if (b.rows.length > 0) this.buffer.add(b);
  }
  finish(): void {
    this.done.end();
  }
}
