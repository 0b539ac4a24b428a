import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeBackendContract, type ContractSubject } from './keyed-state-backend.contract.ts';
import { memoryBackend } from '../../../runtime/state/backends/memory-backend.ts';
import { diskBackend } from '../../../runtime/state/backends/disk-backend.ts';

describeBackendContract('memory', () => ({ factory: memoryBackend, close: () => {} }));

/** A disk backend in a fresh directory; reopen() closes it and opens a new one on the same directory. */
function diskSubject(dir: string, cacheSize: number): ContractSubject {
  const factory = diskBackend(dir, { cacheSize });
  return {
    factory,
    reopen: () => {
      factory.close();
      return diskSubject(dir, cacheSize);
    },
    close: () => {
      factory.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeBackendContract('disk', ({ cacheSize }) => diskSubject(mkdtempSync(join(tmpdir(), 'rivulet-disk-')), cacheSize));

describe('the disk state backend', () => {
  const dirs: string[] = [];
  const scratch = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'rivulet-disk-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('hands out the same live object while a key is cached and a copy once it was evicted', () => {
    const f = diskBackend(join(scratch(), 's'), { cacheSize: 32 });
    const t = f('op', 0).valueState<{ n: number }>('t');
    t.set('a', { n: 1 });
    const live = t.get('a');
    expect(t.get('a')).toBe(live);
    for (let i = 0; i < 40; i++) t.set(i, { n: i });
    const again = t.get('a');
    expect(again).not.toBe(live);
    expect(again).toEqual({ n: 1 });
    f.close();
  });

  it('creates its directory and, when temporary, deletes it on close', () => {
    const dir = join(scratch(), 'nested', 'state');
    const f = diskBackend(dir, { temporary: true });
    f('op', 0).valueState<number>('t').set(1, 1);
    expect(existsSync(join(dir, 'data.mdb'))).toBe(true);
    f.close();
    expect(existsSync(dir)).toBe(false);
  });

  it('deletes only its own files from a temporary directory it did not create', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'keep'));
    const f = diskBackend(dir, { temporary: true });
    f('op', 0).valueState<number>('t').set(1, 1);
    f.close();
    expect(readdirSync(dir)).toEqual(['keep']);
  });

  it('keeps state for a partition opened again, and starts it empty when fresh', () => {
    const dir = join(scratch(), 's');
    const f = diskBackend(dir, { cacheSize: 4 });
    const first = f('op', 0);
    first.valueState<number>('t').set('k', 1);
    const second = f('op', 0); // a job run again: takes over (flushes and closes the first)
    expect(() => first.valueState<number>('t')).toThrow(/closed/);
    expect(second.valueState<number>('t').get('k')).toBe(1);
    f.close();
    const g = diskBackend(dir, { cacheSize: 4, fresh: true });
    const b = g('op', 0);
    expect(b.tableNames).toEqual([]);
    expect(b.valueState<number>('t').size).toBe(0);
    expect(b.valueState<number>('t').get('k')).toBeUndefined();
    g.close();
  });

  it('closes its backends with the factory, and refuses them afterwards', () => {
    const f = diskBackend(join(scratch(), 's'));
    const b = f('op', 0);
    b.valueState<number>('t').set(1, 1);
    f.close();
    expect(() => b.valueState<number>('t')).toThrow(/closed/);
    expect(() => f('op', 1)).toThrow(/closed/);
  });

  it('stays readable after reopening when a write failed halfway', () => {
    const dir = join(scratch(), 's');
    const f = diskBackend(dir, { cacheSize: 1 });
    const b = f('op', 0);
    const t = b.valueState<unknown>('t');
    t.set('good', { shape: 1, first: 'a' });
    t.set('bad', { other: 1, shape: () => 1 }); // a new record structure, then a failure
    expect(() => b.flush()).toThrow(/structured-cloneable/);
    t.set('bad', { other: 2, shape: 2 }); // the same structure, now storable
    b.flush();
    f.close();
    const g = diskBackend(dir, { cacheSize: 1 });
    const t2 = g('op', 0).valueState<unknown>('t');
    expect(t2.get('good')).toEqual({ shape: 1, first: 'a' });
    expect(t2.get('bad')).toEqual({ other: 2, shape: 2 });
    g.close();
  });

  it('refuses keys that are neither numbers nor strings, and bad options', () => {
    const f = diskBackend(join(scratch(), 's'), { cacheSize: 1 });
    const t = f('op', 0).valueState<number>('t');
    expect(() => t.get(true)).toThrow(/numbers and strings/);
    expect(() => diskBackend(join(scratch(), 'x'), { cacheSize: 0 })).toThrow(/cacheSize/);
    f.close();
  });

  it('names the table and key when a value cannot be stored', () => {
    const f = diskBackend(join(scratch(), 's'), { cacheSize: 2 });
    const t = f('op', 0).valueState<unknown>('fns');
    t.set('bad', { f: () => 1 });
    expect(() => {
      for (let i = 0; i < 5; i++) t.set(i, i);
    }).toThrow(/key bad of table 'fns'/);
    expect(t.size).toBe(2); // 'bad' and 0: the set of 1, which had to evict 'bad', did not happen
    expect(() => f.close()).toThrow(/structured-cloneable/);
    expect(() => f('op', 0)).toThrow(/closed/);
  });
});
