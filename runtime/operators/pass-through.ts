// A pass-through operator: union (its gate already merges the inputs and their watermarks).
import type { Batch } from '../exec/batch.ts';
import type { Operator, Output } from '../exec/operator.ts';

export class PassThroughOperator implements Operator {
  constructor(private readonly out: Output) {}
  process(b: Batch): void {
    this.out.push(b);
  }
  finish(): void {
    this.out.end();
  }
}
