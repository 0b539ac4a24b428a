// Reads and verifies a snapshot directory (or the latest complete checkpoint in a checkpoint directory).
// Every problem is a RivuletError naming the file and what is wrong with it: a missing file, a wrong size
// (truncated), a checksum that does not match (a flipped bit), a manifest that does not parse, a format
// version this Rivulet does not read.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RivuletError } from '../errors/rivulet-error.ts';
import { MANIFEST, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type InstanceSnapshot, type Manifest, type Snapshot } from './snapshot-model.ts';
import { MANIFEST_CHECKSUM, sha256 } from './snapshot-writer.ts';
import { decodeInstance } from './instance-codec.ts';

/** The snapshot in `dir`, or the latest complete checkpoint when `dir` is a checkpoint directory. */
export function resolveSnapshotDir(dir: string): string {
  if (!existsSync(dir)) throw new RivuletError('NO_SNAPSHOT', { dir, reason: 'the directory does not exist' });
  if (existsSync(join(dir, MANIFEST))) return dir;
  const checkpoints = readdirSync(dir)
    .filter((n) => /^chk-\d+$/.test(n) && existsSync(join(dir, n, MANIFEST)))
    .sort();
  const latest = checkpoints.at(-1);
  if (latest === undefined) throw new RivuletError('NO_SNAPSHOT', { dir, reason: `no ${MANIFEST} and no complete chk-N inside` });
  return join(dir, latest);
}

export function readSnapshot(dirOrCheckpoints: string): Snapshot {
  const dir = resolveSnapshotDir(dirOrCheckpoints);
  const manifest = readManifest(dir);
  const instances = new Map<string, InstanceSnapshot[]>();
  for (const op of manifest.operators) {
    if (!op.stateful) continue;
    const list: InstanceSnapshot[] = [];
    for (let p = 0; p < op.parallelism; p++) list.push(readInstance(dir, manifest, `${op.id}.${p}.bin`));
    instances.set(op.id, list);
  }
  return { dir, manifest, instances };
}

function corrupt(dir: string, file: string, problem: string): RivuletError {
  return new RivuletError('SNAPSHOT_CORRUPT', { dir, file, problem });
}

function readManifest(dir: string): Manifest {
  const raw = readVerbatim(dir, MANIFEST);
  const sum = readVerbatim(dir, MANIFEST_CHECKSUM).toString('utf8').trim();
  if (sum !== sha256(raw)) throw corrupt(dir, MANIFEST, `does not match its checksum in ${MANIFEST_CHECKSUM} (the file was changed or damaged)`);
  let m: Manifest;
  try {
    m = JSON.parse(raw.toString('utf8')) as Manifest;
  } catch (e) {
    throw corrupt(dir, MANIFEST, `is not valid JSON (${(e as Error).message})`);
  }
  if (m.format !== SNAPSHOT_FORMAT) throw corrupt(dir, MANIFEST, `is not a Rivulet snapshot manifest (format ${JSON.stringify(m.format)})`);
  if (m.version !== SNAPSHOT_VERSION) throw new RivuletError('SNAPSHOT_FORMAT', { dir, got: m.version, expected: SNAPSHOT_VERSION });
  return m;
}

function readVerbatim(dir: string, file: string): Buffer {
  const path = join(dir, file);
  if (!existsSync(path)) throw corrupt(dir, file, 'is missing');
  return readFileSync(path);
}

function readInstance(dir: string, m: Manifest, file: string): InstanceSnapshot {
  const info = m.files[file];
  if (info === undefined) throw corrupt(dir, MANIFEST, `does not list ${file}`);
  const path = join(dir, file);
  if (!existsSync(path)) throw corrupt(dir, file, 'is missing');
  const bytes = statSync(path).size;
  if (bytes < info.bytes) throw corrupt(dir, file, `is truncated (${bytes} of ${info.bytes} bytes)`);
  if (bytes > info.bytes) throw corrupt(dir, file, `is longer than written (${bytes} bytes, expected ${info.bytes})`);
  const data = readFileSync(path);
  if (sha256(data) !== info.sha256) throw corrupt(dir, file, 'does not match its sha-256 checksum (the file was changed or damaged)');
  try {
    return decodeInstance(data);
  } catch (e) {
    throw corrupt(dir, file, `cannot be decoded (${(e as Error).message})`);
  }
}
