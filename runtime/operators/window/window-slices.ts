// Window slicing (Flink SQL's slice-based window aggregation) for sliding event-time windows with built-in
// aggregates and no allowed lateness: an element is added to one slice of `slide` ms instead of to each of
// the size/slide windows it belongs to, and a window's result is the merge of its slices' accumulators when
// it fires. A key's slices are stored as its panes ([start, start + slide)); a timer at each window end a
// slice belongs to fires that window, and a slice is dropped once the last window containing it has fired.
// The rows are those of the unsliced operator (sums of floating-point values may differ in the last bits,
// as merged partial sums do in Flink).
import type { WindowAssigner } from '../../time/windows/window-assigner.ts';
import type { WindowContents } from './window-contents.ts';
import type { Pane } from './window-operator.ts';

/** Whether windows of `assigner` with these contents may be sliced. */
export function canSlice(assigner: WindowAssigner, lateness: number, contents: WindowContents<unknown>): boolean {
  return (
    assigner.kind === 'sliding' &&
    assigner.time === 'event' &&
    lateness === 0 &&
    contents.sliceable === true &&
    assigner.size > assigner.slide &&
    assigner.size % assigner.slide === 0
  );
}

/** The window [start, end) as one pane whose contents merge its slices; null when it holds none. */
export function mergeSlices<C>(panes: readonly Pane<C>[], start: number, end: number, contents: WindowContents<C>): Pane<C> | null {
  let merged: C | undefined;
  for (let j = 0; j < panes.length; j++) {
    const p = panes[j] as Pane<C>;
    if (p.start < start) continue;
    if (p.start >= end) break; // panes are sorted by start
    merged = contents.merge(merged === undefined ? contents.create() : merged, p.contents);
  }
  return merged === undefined ? null : { start, end, contents: merged, fired: false, emitted: null };
}

/** Removes the slices whose last window (the one starting with the slice) ends at or before `time` + 1. */
export function dropFiredSlices<C>(panes: Pane<C>[], size: number, time: number): void {
  let n = 0;
  while (n < panes.length && (panes[n] as Pane<C>).start + size - 1 <= time) n++;
  if (n > 0) panes.splice(0, n);
}
