// The disk backend holds more state than the heap: a rolling count over 2,000,000 keys runs in a child
// process with a 96 MB heap. The same workload on the memory backend runs out of heap in the same child.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const KEYS = 2_000_000;
const UPDATES = 500_000;
const HEAP_MB = 96;
const root = resolve(import.meta.dirname, '../../..');
const url = (p: string): string => pathToFileURL(join(root, p)).href;

/**
 * The workload, as an ES module for `node -e`: a rolling count (get, then mutate in place or set) over KEYS
 * string keys, then UPDATES updates of uniformly random keys; then it checks every count through entries()
 * and prints one JSON line per 250,000 operations and a last one with the result.
 */
const workload = (backend: 'memory' | 'disk', dir: string): string => `
  const { memoryBackend } = await import(${JSON.stringify(url('runtime/state/backends/memory-backend.ts'))});
  const { diskBackend } = await import(${JSON.stringify(url('runtime/state/backends/disk-backend.ts'))});
  const factory = ${backend === 'disk' ? `diskBackend(${JSON.stringify(dir)}, { temporary: true })` : 'memoryBackend'};
  const backend = factory('rolling-count', 0);
  const table = backend.valueState('count');
  let peak = 0;
  const report = (phase, ops) => {
    const heap = process.memoryUsage().heapUsed;
    if (heap > peak) peak = heap;
    console.log(JSON.stringify({ phase, ops, heapMB: Math.round(heap / 1e6) }));
  };
  const step = (i) => {
    const key = 'user-' + i;
    const entry = table.get(key);
    if (entry === undefined) table.set(key, { state: { count: 1 }, emitted: { key, count: 1 } });
    else {
      entry.state.count++;
      entry.emitted = { key, count: entry.state.count };
    }
  };
  const started = performance.now();
  for (let i = 0; i < ${KEYS}; i++) {
    step(i);
    if ((i + 1) % 250000 === 0) report('insert', i + 1);
  }
  let seed = 7;
  for (let n = 0; n < ${UPDATES}; n++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    step(seed % ${KEYS});
    if ((n + 1) % 250000 === 0) report('update', n + 1);
  }
  backend.flush();
  let total = 0, keys = 0;
  for (const [, entry] of table.entries()) {
    total += entry.state.count;
    keys++;
  }
  const seconds = (performance.now() - started) / 1000;
  globalThis.gc?.();
  const heapUsed = process.memoryUsage().heapUsed;
  console.log(JSON.stringify({ done: true, size: table.size, keys, total, seconds, heapUsedMB: heapUsed / 1e6, peakHeapMB: peak / 1e6 }));
  ${backend === 'disk' ? 'factory.close();' : ''}
`;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: Record<string, unknown>[];
  stderr: string;
}

function runChild(backend: 'memory' | 'disk', dir: string): Promise<ChildResult> {
  const args = [`--max-old-space-size=${HEAP_MB}`, '--expose-gc', '--import', 'tsx', '--input-type=module', '-e', workload(backend, dir)];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      const lines = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      done({ code, signal, lines, stderr: err });
    });
  });
}

describe('the disk state backend with a small heap', () => {
  it(`holds a rolling count over ${KEYS.toLocaleString('en')} keys in a ${HEAP_MB} MB heap, where the memory backend runs out`, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rivulet-disk-memory-')), 'state');
    try {
      const [disk, memory] = await Promise.all([runChild('disk', dir), runChild('memory', dir)]);

      const result = disk.lines.find((l) => l.done === true);
      expect(disk.code, disk.stderr).toBe(0);
      expect(result).toMatchObject({ size: KEYS, keys: KEYS, total: KEYS + UPDATES });
      const heapUsedMB = result?.heapUsedMB as number;
      console.log(
        `disk backend, ${KEYS} keys + ${UPDATES} updates in ${(result?.seconds as number).toFixed(1)} s: ` +
          `heapUsed ${heapUsedMB.toFixed(1)} MB at the end (peak sampled ${(result?.peakHeapMB as number).toFixed(1)} MB)`,
      );
      expect(heapUsedMB).toBeLessThan(48);

      const reached = memory.lines.at(-1);
      console.log(`memory backend: exit ${memory.code ?? memory.signal}, last report ${JSON.stringify(reached)}`);
      expect(memory.code).not.toBe(0);
      expect(memory.stderr).toMatch(/heap out of memory|Reached heap limit/);
      expect(memory.lines.some((l) => l.done === true)).toBe(false);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  }, 120_000);
});
