import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { jupyterWorld, repoRoot, rivulet, rivuletBin, runProcess } from './jupyter-process.ts';

const world = jupyterWorld();
const specDir = join(world.prefix, 'share', 'jupyter', 'kernels', 'rivulet');
afterAll(() => rmSync(world.prefix, { recursive: true, force: true }));

describe('the Rivulet kernel with a real Jupyter client', () => {
  it('installs a kernelspec that runs this node and bin/rivulet.js by absolute paths', () => {
    expect(world.install.code, world.install.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(join(specDir, 'kernel.json'), 'utf8')) as Record<string, unknown>;
    expect(spec).toMatchObject({
      argv: [process.execPath, rivuletBin, 'kernel', '--connection-file', '{connection_file}'],
      display_name: 'Rivulet (TypeScript)',
      language: 'typescript',
      interrupt_mode: 'message',
    });
    expect(readFileSync(join(specDir, 'logo-64x64.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(specDir, 'logo-svg.svg'), 'utf8')).toContain('<svg');
  });

  it('is found by jupyter kernelspec list', async () => {
    const r = await runProcess('/usr/bin/jupyter', ['kernelspec', 'list', '--json'], { cwd: repoRoot, env: world.env, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const specs = (JSON.parse(r.stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
    expect(specs.rivulet?.resource_dir).toBe(specDir);
  });

  it('passes jupyter_kernel_test and the behaviour tests (late output, live views, interrupt, ESM, redeclared names, bad signatures, restart)', async () => {
    const r = await runProcess('/usr/bin/python3', ['-m', 'unittest', '-v', 'test_rivulet_kernel'], {
      cwd: join(repoRoot, 'test', 'kernel', 'python'),
      env: world.env,
      timeoutMs: 240_000,
    });
    expect(r.code, r.stderr).toBe(0);
    // unittest -v prints "name (class.name) ... ok"; the kernel's own log lines may come in between.
    const outcome = (name: string): string | undefined =>
      new RegExp(`^${name} \\(.*?\\) \\.\\.\\. (?:[\\s\\S]*?^)?(ok|FAIL|ERROR|skipped)\\b`, 'm').exec(r.stderr)?.[1];
    for (const name of [
      'test_kernel_info', 'test_execute_stdout', 'test_execute_stderr', 'test_completion', 'test_inspect', 'test_is_complete',
      'test_display_data', 'test_execute_result', 'test_error',
      'test_redeclaring_a_const_in_a_later_cell', 'test_esm_only_package_import', 'test_error_shows_the_cells_typescript_line_and_column',
      'test_late_output_goes_to_the_cell_that_started_it', 'test_live_view_updates_in_place',
      'test_stream_failing_after_its_cell_shows_the_error_there_and_the_kernel_lives',
      'test_uncaught_exceptions_and_rejections_show_in_the_cell_they_came_from',
      'test_interrupt_stops_an_endless_stream_and_keeps_the_state', 'test_a_message_with_a_bad_signature_is_not_executed',
      'test_restart_starts_a_fresh_kernel', 'test_cells_queued_behind_a_failing_cell_are_aborted',
    ]) {
      expect([name, outcome(name)]).toEqual([name, 'ok']);
    }
    // The forged message was logged by the kernel (its stderr is the client's), never executed.
    expect(r.stderr).toContain('rivulet kernel: rejected a message on shell: bad signature');
  }, 300_000);

  it('uninstalls the kernelspec, and installs for the user under JUPYTER_DATA_DIR', () => {
    const user = join(world.prefix, 'user-data');
    const installed = rivulet(['kernel', 'install', '--user'], { JUPYTER_DATA_DIR: user });
    expect(installed.code, installed.stderr).toBe(0);
    expect(existsSync(join(user, 'kernels', 'rivulet', 'kernel.json'))).toBe(true);
    const removed = rivulet(['kernel', 'uninstall', '--prefix', world.prefix]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(existsSync(specDir)).toBe(false);
    const bad = rivulet(['kernel', 'install', '--nowhere']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown options: --nowhere');
  });
});
