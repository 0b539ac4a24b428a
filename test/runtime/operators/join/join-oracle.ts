// Plain-loop oracles of the two joins, for randomized tests. Independent of runtime/: each rule is a loop over
// the elements in arrival order, written to be checked by reading. They also make the random inputs.
//
// Interval join (Flink's IntervalJoinOperator, with Rivulet's lateness rule):
// - An element is late when its timestamp is at or behind the watermark in effect when it arrives; late
//   elements go to the late output and join nothing.
// - Every pair (left l, right r) of elements that are not late, with the same key and
//   l.ts + lower <= r.ts <= l.ts + upper, is emitted exactly once.
//
// Window join (Flink's a.join(b).where(..).equalTo(..).window(w), no allowed lateness):
// - Windows of each element as the window operator assigns them (see test/helpers/oracle/windows.ts), over
//   the elements of both sides together; a window is late for an element when end - 1 <= watermark.
// - Tumbling / sliding: an element goes into each of its windows that is not late; late for all → late output.
// - Session: per key, sessions whose time is up (end - 1 <= watermark) are closed first; the element's window
//   [ts, ts + gap) absorbs every open session of its key it intersects or touches; if it absorbed none and is
//   late itself → late output.
// - Result: for every (key, window), every left element paired with every right element.
import { assignWindows, intersectsOrTouches, type WindowSpec } from '../../../helpers/oracle/windows.ts';
import { randomInt, randomStream, seededRandom, type StreamRecord } from '../../../helpers/random-stream.ts';

export type Side = 'left' | 'right';

export interface JoinElement {
  side: Side;
  row: StreamRecord;
}

/** Two random streams merged in a random (per-side order preserving) arrival order; right ids from 10000. */
export function randomJoinInput(
  seed: number,
  opts: { n?: number; keys?: number; maxDelay?: number; lateFraction?: number; lateBy?: number; maxStep?: number } = {},
): JoinElement[] {
  const n = opts.n ?? 120;
  const common = {
    keys: opts.keys ?? 4,
    maxDelay: opts.maxDelay ?? 10,
    lateFraction: opts.lateFraction ?? 0.05,
    lateBy: opts.lateBy ?? 30,
    maxStep: opts.maxStep ?? 4,
  };
  const left = randomStream(seed, { ...common, n });
  const right = randomStream(seed + 7919, { ...common, n }).map((r) => ({ ...r, id: r.id + 10000 }));
  const rng = seededRandom(seed * 31 + 5);
  const out: JoinElement[] = [];
  let i = 0;
  let j = 0;
  // Mostly the side whose event time is behind goes next, so that the two sides stay roughly in step.
  let maxLeft = -Infinity;
  let maxRight = -Infinity;
  while (i < left.length || j < right.length) {
    const behind = maxLeft < maxRight ? 0.8 : maxLeft > maxRight ? 0.2 : 0.5;
    const takeLeft = j >= right.length || (i < left.length && rng() < behind);
    if (takeLeft) maxLeft = Math.max(maxLeft, (left[i] as StreamRecord).ts);
    else maxRight = Math.max(maxRight, (right[j] as StreamRecord).ts);
    if (takeLeft) out.push({ side: 'left', row: left[i++] as StreamRecord });
    else out.push({ side: 'right', row: right[j++] as StreamRecord });
  }
  return out;
}

/** The watermark in effect before each element: max(ts of earlier elements) - maxOutOfOrderness - 1. */
export function watermarks(elements: readonly JoinElement[], maxOutOfOrderness: number): number[] {
  let maxTs = -Infinity;
  return elements.map((e) => {
    const wm = maxTs - maxOutOfOrderness - 1;
    maxTs = Math.max(maxTs, e.row.ts);
    return wm;
  });
}

/** Random interval bounds: mostly around 0, sometimes entirely before or after, sometimes one point. */
export function randomBounds(seed: number): [number, number] {
  const rng = seededRandom(seed);
  const a = randomInt(rng, -15, 15);
  const b = rng() < 0.15 ? a : randomInt(rng, -15, 15);
  return a <= b ? [a, b] : [b, a];
}

export interface OracleResult {
  /** "leftId,rightId" (interval) or "leftId,rightId@start-end" (window), sorted. */
  pairs: string[];
  /** Ids of late elements, in arrival order. */
  late: number[];
}

export function intervalJoinOracle(elements: readonly JoinElement[], wms: readonly number[], lower: number, upper: number): OracleResult {
  const late: number[] = [];
  const kept: JoinElement[] = [];
  elements.forEach((e, i) => {
    if (e.row.ts <= (wms[i] as number)) late.push(e.row.id);
    else kept.push(e);
  });
  const pairs: string[] = [];
  for (const l of kept) {
    if (l.side !== 'left') continue;
    for (const r of kept) {
      if (r.side !== 'right' || r.row.key !== l.row.key) continue;
      if (l.row.ts + lower <= r.row.ts && r.row.ts <= l.row.ts + upper) pairs.push(`${l.row.id},${r.row.id}`);
    }
  }
  return { pairs: pairs.sort(), late };
}

interface OracleWindow {
  key: unknown;
  start: number;
  end: number;
  members: JoinElement[];
}

export function windowJoinOracle(elements: readonly JoinElement[], wms: readonly number[], window: WindowSpec): OracleResult {
  const late: number[] = [];
  const closed: OracleWindow[] = [];
  let open: OracleWindow[] = [];
  const isLate = (w: { end: number }, wm: number): boolean => w.end - 1 <= wm;
  elements.forEach((e, i) => {
    const wm = wms[i] as number;
    const still: OracleWindow[] = [];
    for (const w of open) (isLate(w, wm) ? closed : still).push(w);
    open = still;
    const key = e.row.key;
    const ts = e.row.ts;
    if (window.kind === 'session') {
      let merged: OracleWindow = { key, start: ts, end: ts + window.gap, members: [e] };
      let absorbed = false;
      for (let changed = true; changed; ) {
        changed = false;
        for (const s of open) {
          if (s.key === key && intersectsOrTouches(s, merged)) {
            merged = { key, start: Math.min(s.start, merged.start), end: Math.max(s.end, merged.end), members: [...s.members, ...merged.members] };
            open = open.filter((o) => o !== s);
            absorbed = changed = true;
            break;
          }
        }
      }
      if (!absorbed && isLate(merged, wm)) late.push(e.row.id);
      else open.push(merged);
      return;
    }
    let added = false;
    for (const { start, end } of assignWindows(ts, window)) {
      if (isLate({ end }, wm)) continue;
      let w = open.find((o) => o.key === key && o.start === start);
      if (w === undefined) {
        w = { key, start, end, members: [] };
        open.push(w);
      }
      w.members.push(e);
      added = true;
    }
    if (!added) late.push(e.row.id);
  });
  const pairs: string[] = [];
  for (const w of [...closed, ...open]) {
    for (const l of w.members) {
      if (l.side !== 'left') continue;
      for (const r of w.members) if (r.side === 'right') pairs.push(`${l.row.id},${r.row.id}@${w.start}-${w.end}`);
    }
  }
  return { pairs: pairs.sort(), late };
}
