// Writes a snapshot directory so that a crash at any moment never leaves a half snapshot that looks whole:
// every file is written and fsynced under a temporary directory name, then the manifest (with the sha-256 and
// size of every file) and its own checksum, then the directory is renamed to its final name.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RivuletError } from '../errors/rivulet-error.ts';
import { MANIFEST, type FileInfo, type Manifest } from './snapshot-model.ts';

export const MANIFEST_CHECKSUM = MANIFEST + '.sha256';

export async function writeSnapshot(dir: string, manifest: Omit<Manifest, 'files'>, files: Map<string, Buffer>): Promise<Manifest> {
  if (existsSync(dir)) throw new RivuletError('SNAPSHOT_EXISTS', { dir });
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  const infos: Record<string, FileInfo> = {};
  for (const [name, data] of files) {
    await writeDurably(join(tmp, name), data);
    infos[name] = { sha256: sha256(data), bytes: data.length };
  }
  const full: Manifest = { ...manifest, files: infos };
  const text = Buffer.from(JSON.stringify(full, null, 2) + '\n');
  await writeDurably(join(tmp, MANIFEST), text);
  await writeDurably(join(tmp, MANIFEST_CHECKSUM), Buffer.from(sha256(text) + '\n'));
  await syncDir(tmp);
  await rename(tmp, dir);
  await syncDir(parent);
  return full;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function writeDurably(path: string, data: Buffer): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncDir(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } catch {
    // Some file systems cannot fsync a directory; the rename is still atomic.
  } finally {
    await fh.close();
  }
}
