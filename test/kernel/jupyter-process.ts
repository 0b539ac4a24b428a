// Running real Jupyter clients from tests: the kernelspec installed with `rivulet kernel install` into a
// temporary prefix, Jupyter's paths pointed at it, and Debian's /usr/bin/python3 and /usr/bin/jupyter.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const rivuletBin = join(repoRoot, 'bin', 'rivulet.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the rivulet command synchronously. */
export function rivulet(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [rivuletBin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary Jupyter world with the Rivulet kernelspec installed in it; env to run Jupyter clients in it. */
export function jupyterWorld(): { prefix: string; env: NodeJS.ProcessEnv; install: Run } {
  const prefix = mkdtempSync(join(tmpdir(), 'rivulet-jupyter-'));
  const install = rivulet(['kernel', 'install', '--prefix', prefix]);
  const env = {
    ...process.env,
    JUPYTER_PATH: join(prefix, 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(prefix, 'data'),
    JUPYTER_RUNTIME_DIR: join(prefix, 'runtime'),
    JUPYTER_CONFIG_DIR: join(prefix, 'config'),
    JUPYTER_PLATFORM_DIRS: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  return { prefix, env, install };
}

/** Runs a command to its end (asynchronously, so the test runner stays responsive), killing it after `timeoutMs`. */
export function runProcess(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
