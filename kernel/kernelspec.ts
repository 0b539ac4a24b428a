// The kernelspec: the directory `rivulet` (kernel.json, logos) in one of Jupyter's kernel directories, whose
// argv runs this checkout's `bin/rivulet.js kernel --connection-file {connection_file}` with this node, by
// absolute paths (Jupyter starts kernels without a shell or PATH lookups of ours).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RivuletError } from '../runtime/errors/rivulet-error.ts';
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from './kernel-info.ts';
import { logoPng, logoSvg } from './kernel-logo.ts';

/** Where to install: the user's Jupyter data dir, a prefix's share/jupyter, or the Python prefix's. */
export type SpecLocation = { kind: 'user' } | { kind: 'prefix'; prefix: string } | { kind: 'sys-prefix' };

export function kernelJson(): Record<string, unknown> {
  const bin = fileURLToPath(new URL('../bin/rivulet.js', import.meta.url));
  return {
    argv: [process.execPath, bin, 'kernel', '--connection-file', '{connection_file}'],
    display_name: KERNEL_DISPLAY_NAME,
    language: 'typescript',
    interrupt_mode: 'message',
    env: {},
    metadata: { debugger: false },
  };
}

/** The `kernels` directory of a location. */
export function kernelsDir(location: SpecLocation): string {
  switch (location.kind) {
    case 'prefix':
      return join(location.prefix, 'share', 'jupyter', 'kernels');
    case 'sys-prefix':
      return join(pythonPrefix(), 'share', 'jupyter', 'kernels');
    case 'user':
      return join(userDataDir(), 'kernels');
  }
}

/** Writes the kernelspec; returns its directory. */
export function installKernelspec(location: SpecLocation): string {
  const dir = join(kernelsDir(location), KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kernel.json'), JSON.stringify(kernelJson(), null, 2) + '\n');
  writeFileSync(join(dir, 'logo-64x64.png'), logoPng());
  writeFileSync(join(dir, 'logo-svg.svg'), logoSvg());
  return dir;
}

/** Removes the kernelspec; returns its directory, or null when there was none. */
export function uninstallKernelspec(location: SpecLocation): string | null {
  const dir = join(kernelsDir(location), KERNEL_NAME);
  if (!existsSync(join(dir, 'kernel.json'))) return null;
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

function userDataDir(): string {
  const env = process.env.JUPYTER_DATA_DIR;
  if (env !== undefined && env !== '') return env;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'jupyter');
  const xdg = process.env.XDG_DATA_HOME;
  return join(xdg !== undefined && xdg !== '' ? xdg : join(homedir(), '.local', 'share'), 'jupyter');
}

function pythonPrefix(): string {
  for (const python of ['python3', 'python']) {
    try {
      return execFileSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
    } catch {
      // try the next one
    }
  }
  throw new RivuletError('BAD_ARGUMENT', {
    where: 'rivulet kernel install',
    name: '--sys-prefix',
    expected: 'a python3 on PATH (its sys.prefix is where Jupyter looks)',
    got: 'no python3 found',
    hint: 'Use --user or --prefix DIR instead.',
  });
}
