// How an instance's snapshot is stored in its file: MessagePack (msgpackr) with record structures, so that
// repeated object shapes cost a few bytes, and with Map, Set, Date, bigint, undefined, NaN and ±Infinity
// kept. Encoding happens at the barrier and is a deep copy. A function cannot be stored: msgpackr would drop
// it silently, which would lose state, so it is an error.
import { Packr, type Options } from 'msgpackr';
import type { InstanceSnapshot } from './snapshot-model.ts';

const options: Options = {
  useRecords: true,
  moreTypes: true,
  mapsAsObjects: false,
  // msgpackr calls writeFunction(fn) for a function (its typings say no argument).
  writeFunction: ((f: { name?: string }): never => {
    throw new TypeError(`the state holds a function (${f.name || 'anonymous'}), which cannot be stored`);
  }) as () => never,
};

export function encodeInstance(snapshot: InstanceSnapshot): Buffer {
  return new Packr(options).pack(snapshot);
}

export function decodeInstance(data: Buffer): InstanceSnapshot {
  return new Packr(options).unpack(data) as InstanceSnapshot;
}
