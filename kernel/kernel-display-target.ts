// The kernel's display target: a view shows as display_data with its display_id and refreshes with
// update_display_data, so the output updates in place; both go to the cell the view or its stream runs in.
import type { DisplayTarget, MimeBundle } from '../runtime/session/display-target.ts';
import { currentCell } from '../runtime/session/evaluate/index.ts';
import type { CellOutput } from './cell-output.ts';

export class KernelDisplayTarget implements DisplayTarget {
  /** The display ids each cell has shown. */
  private readonly shownIn = new Map<string, Set<string>>();
  /** The cell each display was first shown in: its updates go there when they come from outside any cell. */
  private readonly homeOf = new Map<string, string>();

  constructor(private readonly output: CellOutput) {}

  show(bundle: MimeBundle, id: string): void {
    const cell = currentCell() ?? this.homeOf.get(id);
    if (cell !== undefined) {
      let ids = this.shownIn.get(cell);
      if (ids === undefined) this.shownIn.set(cell, (ids = new Set()));
      ids.add(id);
      if (!this.homeOf.has(id)) this.homeOf.set(id, cell);
    }
    this.output.publish('display_data', { data: bundle, metadata: {}, transient: { display_id: id } }, cell);
  }

  update(id: string, bundle: MimeBundle): void {
    const cell = currentCell() ?? this.homeOf.get(id);
    this.output.publish('update_display_data', { data: bundle, metadata: {}, transient: { display_id: id } }, cell);
  }

  /** Whether `cellId` showed the display `id`. */
  hasShown(cellId: string, id: string): boolean {
    return this.shownIn.get(cellId)?.has(id) ?? false;
  }
}
