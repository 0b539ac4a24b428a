// Ink loaded for a terminal draws live even when CI is set (as on a CI server, where the tmux test runs),
// and the environment is left as it was.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

function inkSeesCi(output: string): string {
  const script = `
    const { loadInkForTerminal } = await import('./repl/dashboard/ink-for-terminal.ts');
    await loadInkForTerminal(${output});
    const { default: isInCi } = await import('is-in-ci');
    console.log(JSON.stringify({ isInCi, CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION }));
  `;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', CONTINUOUS_INTEGRATION: '1' },
  }).trim();
}

describe('loading Ink for a terminal', () => {
  it('makes Ink draw live in a terminal even when CI is set, and puts the variables back', () => {
    expect(JSON.parse(inkSeesCi('{ isTTY: true }'))).toEqual({ isInCi: false, CI: 'true', CONTINUOUS_INTEGRATION: '1' });
  });

  it('leaves Ink in its CI mode when the output is not a terminal', () => {
    expect(JSON.parse(inkSeesCi('{ isTTY: false }'))).toEqual({ isInCi: true, CI: 'true', CONTINUOUS_INTEGRATION: '1' });
  });
});
