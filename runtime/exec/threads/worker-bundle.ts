// The worker's code as one JavaScript file: worker-main.ts and everything it imports, bundled by esbuild once
// per process and written to the temp directory under a content hash. A worker then starts in tens of
// milliseconds instead of loading and transpiling the runtime module by module (over a second on a busy machine).
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

let bundled: string | null | undefined;

/**
 * The path of the bundled worker, or null when esbuild is not available (workers then load through tsx).
 * Synchronous (about 0.2 s, once per process), so that a job starts its workers where it is planned.
 */
export function workerBundle(): string | null {
  if (bundled !== undefined) return bundled;
  try {
    const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
    const entry = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
    const out = buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false });
    const code = (out.outputFiles[0] as { contents: Uint8Array }).contents;
    const file = join(tmpdir(), `rivulet-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, file);
    }
    bundled = file;
  } catch {
    bundled = null;
  }
  return bundled;
}
