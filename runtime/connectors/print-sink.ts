// print(): writes each row as a line, in Flink's format: with parallelism > 1 every line starts with the
// 1-based index of the sink instance that printed it ("2> (1,Processing A)"). A stream that runs at
// parallelism 1 before a parallel sink is spread round-robin over the sink instances, as Flink's rebalance
// does, starting at the first. Lines of one batch are written at once.
import type { Batch, RowKind } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';
import { formatRow } from './format-row.ts';

export class PrintSink implements Operator {
  private next = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly partition: number,
    private readonly instances: number,
    private readonly envParallelism: number,
    private readonly changelog: boolean,
    private readonly done: Output,
  ) {}

  process(b: Batch): void {
    const n = b.rows.length;
    if (n === 0) return;
    const lines = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const op = this.changelog ? (b.ops === null ? '+I' : (b.ops[i] as RowKind)) + ' ' : '';
      lines[i] = this.prefix() + op + formatRow(b.rows[i]);
    }
    this.write(lines.join('\n'));
  }

  snapshotState(): { next: number } {
    return { next: this.next };
  }

  restoreState(states: unknown[]): void {
    const s = states[this.partition] as { next: number } | undefined;
    if (s !== undefined) this.next = s.next;
  }

  finish(): void {
    this.done.end();
  }

  private prefix(): string {
    if (this.envParallelism <= 1) return '';
    if (this.instances > 1) return `${this.partition + 1}> `;
    const p = this.next;
    this.next = (p + 1) % this.envParallelism;
    return `${p + 1}> `;
  }
}
