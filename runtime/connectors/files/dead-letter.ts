// Dead letters: the lines a file source could not turn into records (bad JSON, a wrong number of fields, a value
// that does not fit the schema). The source reader emits them among its records, marked as DeadLetterItem (a
// class: no parsed JSON value can be one); the split operator right after the source sends them to the
// 'dead-letters' side output and the records to the main output, so the pipeline goes on and nothing is lost.
import { batchOf, type Batch } from '../../exec/batch.ts';
import type { Operator, OperatorContext, Output } from '../../exec/operator.ts';
import type { LogicalNode, NodeInit } from '../../graph/node.ts';

export const DEAD_LETTERS = 'dead-letters';

export interface DeadLetter {
  /** The file source (its path). */
  source: string;
  /** 1-based number of the physical line the bad record starts on. */
  line: number;
  /** Byte offset of that record's first byte in the file. */
  offset: number;
  /** The record's text as read (without its line ending). */
  raw: string;
  /** What was wrong. */
  error: string;
}

export class DeadLetterItem {
  constructor(readonly letter: DeadLetter) {}
}

/** The step after a file or recording source that sends unparsable records to the dead-letter output. */
export function deadLetterSplitStep(source: LogicalNode, label: string): NodeInit {
  return {
    kind: 'flatMap',
    label,
    inputs: [source],
    parallelism: 'input',
    timestamps: false,
    changelog: false,
    spec: { deadLetterSplit: true },
    create: (ctx) => new DeadLetterSplit(ctx),
  };
}

export class DeadLetterSplit implements Operator {
  private readonly out: Output;
  private readonly side: Output;

  constructor(private readonly ctx: OperatorContext) {
    this.out = ctx.out;
    this.side = ctx.side(DEAD_LETTERS);
  }

  process(b: Batch): void {
    let bad: DeadLetter[] | null = null;
    for (const r of b.rows) {
      if (r instanceof DeadLetterItem) (bad ??= []).push(r.letter);
    }
    if (bad === null) {
      this.out.push(b);
      this.side.push(batchOf([], b.wmEnd, null, null, null, b.idle));
      return;
    }
    this.ctx.metrics.deadLetters += bad.length;
    const good = b.rows.filter((r) => !(r instanceof DeadLetterItem));
    this.out.push(batchOf(good, b.wmEnd, null, null, null, b.idle));
    this.side.push(batchOf(bad, b.wmEnd, null, null, null, b.idle));
  }

  finish(): void {
    this.out.end();
    this.side.end();
  }
}
