// Sources read in every worker (executor 'threads'): when every source of a job can be described as data (an
// array of plain values, a bounded unpaced Nexmark generator or generator function that can travel) and the steps between the sources and the first hash exchange can travel (recipes
// with portable functions), each worker runs those sources and steps itself, with the same batches in the same
// order as one thread would, and keeps only the rows whose key group its partitions own (placement.ts drops
// the rest at the hash exchange). No row then crosses from the main thread; watermarks, late decisions and the
// interleaving of several sources are those of the single-thread executor, since every worker sees every record.
import type { LogicalNode } from '../../graph/node.ts';
import { edgesInto } from '../../graph/edges.ts';
import type { PortableSource, SourceSpec } from '../../connectors/source.ts';
import { arraySource } from '../../connectors/array-source.ts';
import { generatorSource } from '../../connectors/generator-source.ts';
import type { Generator } from '../../generators/generator.ts';
import { nexmark } from '../../generators/nexmark/index.ts';
import { encodeValue, type WireValue } from './encode-value.ts';
import { decodeValue } from './decode-value.ts';

/** A source as it travels to a worker. */
export type SourceDescription =
  | { readonly kind: 'array'; readonly name: string; readonly items: readonly unknown[] }
  | { readonly kind: 'nexmark'; readonly name: string; readonly count: number | undefined; readonly config: Record<string, unknown> }
  | { readonly kind: 'generator'; readonly name: string; readonly count: number | undefined; readonly base: WireValue };

const NEXMARK = ['nexmark.events', 'nexmark.bids', 'nexmark.auctions', 'nexmark.persons'];

/**
 * Arrays larger than this are not copied into the workers: copying a row into a worker (structured clone of
 * the array, on the main thread, once per worker: about 2 µs per Nexmark bid) costs more than sending it in a
 * batch (about 1 µs), and the copy is made before the job starts.
 */
export const MAX_REPLICATED_ROWS = 50_000;

/**
 * The nodes every worker runs (the sources and the steps before the first hash exchange), or null when the job
 * cannot run that way: a source that is not data, a step before the first keyBy that has no recipe, or a
 * stream of that part read by the main thread (a sink or single-instance step before any keyBy).
 */
export function replicatedPart(instanceNodes: LogicalNode[], region: Set<LogicalNode>, par: Map<LogicalNode, number>): Set<LogicalNode> | null {
  const part = new Set<LogicalNode>();
  let rows = 0;
  for (const n of instanceNodes) {
    if (n.kind === 'source') {
      const p = n.source?.portable;
      // Unbounded sources stay on the main thread, which paces them (backpressure) and stops them.
      if (p === undefined || n.source?.bounded !== true || (p.kind === 'array' && !portableItems(p.items))) return null;
      if (p.kind === 'array') rows += p.items.length;
      part.add(n);
    } else if (!region.has(n) && n.kind !== 'sink' && n.sideOf === undefined && n.recipe !== undefined) {
      const edges = edgesInto(n, par);
      if (edges.length > 0 && edges.every((e) => e.kind === 'forward' && part.has(e.from))) part.add(n);
    }
  }
  if (part.size === 0 || rows > MAX_REPLICATED_ROWS) return null;
  for (const m of instanceNodes) {
    if (part.has(m)) continue;
    for (const e of edgesInto(m, par)) if (part.has(e.from) && !(region.has(m) && e.kind === 'hash')) return null;
  }
  return part;
}

/**
 * The description of a source for the workers. Throws (THREADS_CAPTURED_VARIABLE, ...) when a generator
 * function cannot travel: the plan then keeps its sources on the main thread.
 */
export function describeSource(p: PortableSource, label: string): SourceDescription {
  if (p.kind === 'array') return p;
  const base = p.base as { name?: unknown; config?: unknown };
  if (typeof base === 'object' && base !== null && NEXMARK.includes(base.name as string) && typeof base.config === 'object') {
    const config = Object.fromEntries(Object.entries(base.config as object).filter(([, v]) => v !== undefined));
    return { kind: 'nexmark', name: base.name as string, count: p.count, config };
  }
  return { kind: 'generator', name: p.name, count: p.count, base: encodeValue(p.base, label) };
}

/** A source as a worker opens it again. */
export function rebuildSource(d: SourceDescription): SourceSpec {
  if (d.kind === 'array') return arraySource(d.name, d.items);
  const base = d.kind === 'nexmark' ? nexmarkGenerator(d.name, d.config) : decodeValue(d.base);
  const at = typeof base === 'function' ? (base as (i: number) => unknown) : (i: number) => (base as Generator<unknown>).at(i);
  return generatorSource({ name: d.name, ...(d.count !== undefined ? { count: d.count } : {}), at });
}

function nexmarkGenerator(name: string, config: Record<string, unknown>): Generator<unknown> {
  const kind = name.slice('nexmark.'.length) as 'events' | 'bids' | 'auctions' | 'persons';
  return nexmark[kind](config);
}

/** Plain data only (what structured clone copies faithfully): primitives, plain objects and arrays. */
function portableItems(items: readonly unknown[]): boolean {
  if (items.length > MAX_REPLICATED_ROWS) return false;
  for (const item of items) if (!plain(item, 0)) return false;
  return true;
}

function plain(v: unknown, depth: number): boolean {
  if (v === null || v === undefined) return true;
  const t = typeof v;
  if (t === 'number' || t === 'string' || t === 'boolean' || t === 'bigint') return true;
  if (t !== 'object' || depth > 8) return false;
  if (Array.isArray(v)) return v.every((x) => plain(x, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v as Record<string, unknown>) if (!plain((v as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

let enabled = true;

/** Turns source replication on or off for the jobs planned from now on (tests and benchmarks compare both). */
export function setSourceReplication(on: boolean): void {
  enabled = on;
}

/** Whether jobs planned now may replicate their sources. */
export function sourceReplicationEnabled(): boolean {
  return enabled;
}
