// One LMDB environment per disk-backend factory (per job): a `state` database holding every table's entries
// under 4-byte table ids (see disk-key.ts), values in msgpack with structured clone and record structures
// shared through the database, and a small `catalog` database naming the tables of each operator partition.
import { existsSync, mkdirSync, rmSync, rmdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase, type Database, type DatabaseOptions } from 'lmdb';
import { BOUND, DiskKey, keyEncoder } from './disk-key.ts';

/** The part of an lmdb-js database the state tables use, keyed by DiskKey. */
export interface StateDb {
  getBinaryFast(key: DiskKey): Uint8Array | undefined;
  readonly decoder: { decode(bytes: Uint8Array): unknown };
  /** msgpackr's Packr: its record structures, shared through the database. */
  readonly encoder: { structures: unknown };
  putSync(key: DiskKey, value: unknown): boolean;
  removeSync(key: DiskKey): boolean;
  getRange(options: { start: DiskKey; end: DiskKey; values?: boolean }): Iterable<{ key: DiskKey; value: unknown }>;
  getKeys(options: { start: DiskKey; end: DiskKey; limit?: number }): Iterable<DiskKey>;
  getKeysCount(options: { start: DiskKey; end: DiskKey }): number;
}

/** The tables of one operator partition: its original-key table and its value tables by name. */
export interface PartitionCatalog {
  originals: number;
  tables: [name: string, id: number][];
}

const STRUCTURES = new DiskKey(0xffffffff, BOUND);
const NEXT_ID = '\u0000next';
/** Record structures shared by all values; fixed, since a database written with more cannot be read with fewer. */
const MAX_SHARED_STRUCTURES = 1024;

export interface DiskStoreOptions {
  readonly temporary?: boolean;
}

function refuseFunction(f: unknown): never {
  throw new TypeError(`a function (${String(f).slice(0, 40)}) cannot be stored: state values must be structured-cloneable`);
}

export class DiskStore {
  readonly db: StateDb;
  private readonly root: RootDatabase;
  private readonly catalog: Database<PartitionCatalog | number, string>;
  private readonly created: boolean;
  private closed = false;
  private depth = 0;

  constructor(
    readonly dir: string,
    private readonly options: DiskStoreOptions = {},
  ) {
    this.created = !existsSync(dir);
    mkdirSync(dir, { recursive: true });
    // Working state is scratch space for a running job; durability comes from snapshots. So no fsync
    // (noSync), and writes go straight into the memory map (useWritemap: random write-backs cost half as
    // much; the price, a stray native write corrupting the file, matters little for scratch state).
    this.root = open({ path: dir, noSubdir: false, maxDbs: 4, noSync: true, useWritemap: true });
    // keyEncoder, structuredClone and maxSharedStructures are lmdb-js options its typings leave out.
    const stateOptions = {
      name: 'state',
      encoding: 'msgpack',
      keyEncoder,
      sharedStructuresKey: STRUCTURES,
      cache: false,
      structuredClone: true,
      maxSharedStructures: MAX_SHARED_STRUCTURES,
      // msgpackr would store a function as undefined; structured clone refuses it, and so do we.
      encoder: { writeFunction: refuseFunction },
    };
    this.db = this.root.openDB(stateOptions as unknown as DatabaseOptions & { name: string }) as unknown as StateDb;
    this.catalog = this.root.openDB<PartitionCatalog | number, string>({ name: 'catalog', encoding: 'msgpack' });
  }

  /** All writes of `fn` in one synchronous LMDB transaction (nested calls join the outer one). */
  transaction(fn: () => void): void {
    this.check();
    if (this.depth > 0) return fn();
    this.depth++;
    try {
      this.root.transactionSync(fn);
    } catch (e) {
      // The transaction was rolled back, perhaps with record structures the encoder saved in it: make
      // the encoder reload the committed ones, or later values would refer to structures never stored.
      const structures: unknown[] & { uninitialized?: boolean } = [];
      structures.uninitialized = true;
      this.db.encoder.structures = structures;
      throw e;
    } finally {
      this.depth--;
    }
  }

  /** The catalog of an operator partition, created (with its original-key table) on first use. */
  partition(operatorId: string, partition: number): PartitionCatalog {
    this.check();
    const name = `${operatorId}\u0000${partition}`;
    const found = this.catalog.get(name);
    if (typeof found === 'object') return found;
    const fresh: PartitionCatalog = { originals: 0, tables: [] };
    this.transaction(() => {
      fresh.originals = this.newId();
      this.catalog.putSync(name, fresh);
    });
    return fresh;
  }

  /** Adds a value table to a partition's catalog and returns its id. */
  addTable(operatorId: string, partition: number, table: string): number {
    let id = 0;
    this.transaction(() => {
      const cat = this.partition(operatorId, partition);
      id = this.newId();
      cat.tables.push([table, id]);
      this.catalog.putSync(`${operatorId}\u0000${partition}`, cat);
    });
    return id;
  }

  /** Deletes every table of an operator partition (entries, original keys and catalog entry). */
  dropPartition(operatorId: string, partition: number): void {
    const name = `${operatorId}\u0000${partition}`;
    const cat = this.catalog.get(name);
    if (typeof cat !== 'object') return;
    for (const id of [cat.originals, ...cat.tables.map(([, t]) => t)]) {
      for (;;) {
        const keys = [...this.db.getKeys({ ...range(id), limit: 10_000 })];
        if (keys.length === 0) break;
        this.transaction(() => {
          for (const key of keys) this.db.removeSync(key);
        });
      }
    }
    this.transaction(() => this.catalog.removeSync(name));
  }

  /** Closes the environment; a temporary store deletes its files (and its directory if it made it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.root.close();
    if (this.options.temporary !== true) return;
    if (this.created) rmSync(this.dir, { recursive: true, force: true });
    else {
      for (const f of ['data.mdb', 'lock.mdb']) rmSync(join(this.dir, f), { force: true });
      if (readdirSync(this.dir).length === 0) rmdirSync(this.dir);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private newId(): number {
    const next = this.catalog.get(NEXT_ID);
    const id = typeof next === 'number' ? next : 1;
    if (id >= 0xffffffff) throw new Error('the disk state backend ran out of table ids');
    this.catalog.putSync(NEXT_ID, id + 1);
    return id;
  }

  private check(): void {
    if (this.closed) throw new Error(`the disk state backend in ${this.dir} is closed`);
  }
}

/** The key range of table `id`. */
export function range(id: number): { start: DiskKey; end: DiskKey } {
  return { start: new DiskKey(id, BOUND), end: new DiskKey(id + 1, BOUND) };
}
