// The real thing: `npm start` in a detached tmux session (fixed size, private socket), driven with keys and
// read back with capture-pane. Every wait polls with a deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SOCKET = `rivulet-test-${process.pid}`;
const SESSION = 'demo';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

async function waitFor(what: string, check: (screen: string) => boolean, ms = 30_000): Promise<string> {
  const deadline = Date.now() + ms;
  let last = '';
  for (;;) {
    last = screen();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen:\n${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function paneDead(): boolean {
  return tmux('display', '-p', '-t', SESSION, '#{pane_dead}').trim() === '1';
}

const STATUS = /(running|paused) · [\d,]+ events in · [\d,]+ events\/s · watermark \d\d:\d\d:\d\d\.\d{3} \(-?[\d.]+ m?s behind wall clock\) · \d+ late · \d+ dead letters/;
const WINDOW_ROW = /^\s*[\d,]+\s+\d\d:\d\d:\d\d\.\d{3}\s+\d\d:\d\d:\d\d\.\d{3}\s+[\d,]+\s+[\d,.]+/m;

describe('npm start in a terminal', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rivulet-tmux-'));
    const history = join(dir, 'history');
    // The shell prints npm's exit status itself: tmux's #{pane_dead_status} is empty when tmux was started with
    // SIGCHLD blocked (as some job runners do), while a shell's $? always holds it.
    const command = `env RIVULET_HISTORY=${history} npm start; echo "rivulet exited with status $?"`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', '-c', ROOT, command, ';', 'set-option', '-t', SESSION, 'remain-on-exit', 'on');
  });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens the dashboard, pauses, returns to the prompt, runs a pipeline and exits on Ctrl-C', async () => {
    // The dashboard: both views as tables with charts, and the status line.
    const HOT = /key\s+windowStart\s+windowEnd\s+bids\s+top \$/;
    const CATEGORIES = /key\s+windowStart\s+windowEnd\s+avg \$\s+bids/;
    // Generous: a loaded CI machine compiles the REPL through tsx first, and the views need a window to fire.
    const dash = await waitFor('both views with rows', (s) => s.includes('Rivulet demo — Nexmark') && STATUS.test(s) && HOT.test(s) && CATEGORIES.test(s), 90_000);
    expect(dash).toMatch(WINDOW_ROW);
    expect(dash).toContain('▌hot');
    expect(dash).toContain('▌categories');
    expect(dash).toContain('top bids in the latest window');
    expect(dash).toContain('q back to the prompt');

    tmux('send-keys', '-t', SESSION, 'Space');
    await waitFor('paused', (s) => /^paused · /m.test(s));

    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor('the prompt', (s) => /^rivulet>\s*$/m.test(s) && !s.includes('▌hot'));

    tmux('send-keys', '-t', SESSION, '-l', 'const e2 = new StreamEnvironment()');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor('the next prompt', (s) => /const e2 = new StreamEnvironment\(\)\nrivulet>\s*$/m.test(s));
    tmux('send-keys', '-t', SESSION, '-l', 'await e2.fromElements(1, 2, 3).map((x) => x * 10).collect()');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor('the pipeline output', (s) => s.includes('[ 10, 20, 30 ]'));

    // Ctrl-C: first the running demo job stops, then twice on the empty line leaves.
    tmux('send-keys', '-t', SESSION, 'C-c');
    await waitFor('the demo job stopped', (s) => s.includes('Stopped 1 running stream job'));
    tmux('send-keys', '-t', SESSION, 'C-c');
    await waitFor('the exit hint', (s) => s.includes('press Ctrl+C again'));
    tmux('send-keys', '-t', SESSION, 'C-c');
    const deadline = Date.now() + 15_000;
    while (!paneDead()) {
      if (Date.now() > deadline) throw new Error(`the REPL did not exit; the screen:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const end = screen();
    expect(end).toMatch(/^rivulet exited with status 0$/m);
    expect(end).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    expect(end).not.toContain('npm ERR');

    // The history went to RIVULET_HISTORY.
    const history = join(dir, 'history');
    expect(existsSync(history)).toBe(true);
    expect(readFileSync(history, 'utf8')).toContain('const e2 = new StreamEnvironment()');
  }, 240_000);
});
