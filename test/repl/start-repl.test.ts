import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRepl, type StartedRepl } from '../../repl/start-repl.ts';
import { StreamEnvironment, Windows, agg, nexmark } from '../../runtime/index.ts';
import { runningJobs } from '../../runtime/session/job-registry.ts';

interface Harness {
  repl: StartedRepl;
  output: () => string;
  /** Types a line and waits until the output has grown to contain `expect`. */
  type(line: string, expect: string | RegExp): Promise<string>;
}

function harness(): Harness {
  const input = new PassThrough();
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString('utf8')));
  const repl = startRepl({
    input: input as unknown as NodeJS.ReadStream,
    output: out as unknown as NodeJS.WriteStream,
    context: { StreamEnvironment, Windows, agg, nexmark },
  });
  return {
    repl,
    output: () => text,
    async type(line, expect) {
      const from = text.length;
      input.write(line + '\n');
      const deadline = Date.now() + 15_000;
      for (;;) {
        const added = text.slice(from);
        if (typeof expect === 'string' ? added.includes(expect) : expect.test(added)) return added;
        if (Date.now() > deadline) throw new Error(`no ${String(expect)} after typing ${line}; got:\n${added}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

let h: Harness;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rivulet-repl-'));
  process.env.RIVULET_HISTORY = join(dir, 'history');
  h = harness();
});
afterEach(async () => {
  h.repl.server.close();
  await h.repl.closed;
  rmSync(dir, { recursive: true, force: true });
});

describe('the REPL', () => {
  it('evaluates TypeScript and keeps top-level names between inputs', async () => {
    await h.type('const double = (x: number): number => x * 2', 'rivulet>');
    expect(await h.type('double(21)', '42')).toContain('42');
  });

  it('continues an unfinished input on the next lines', async () => {
    await h.type('const add = (a: number,', '...');
    await h.type('  b: number) =>', '...');
    await h.type('  a + b', 'rivulet>');
    expect(await h.type('add(2, 3)', '5')).toContain('5');
  });

  it('runs pasted lines one input at a time, in order, even while an input awaits', async () => {
    const out = await h.type('const f = (a: number,\n  b: number) => a + b\nawait new Promise((r) => setTimeout(r, 50))\nf(2, 3)\nconst q = 7\nq * 6', '42');
    expect(out).not.toContain('Error');
    expect(out.indexOf('5')).toBeLessThan(out.indexOf('42'));
  });

  it('runs top-level await and a small pipeline', async () => {
    const out = await h.type('await new StreamEnvironment().fromElements(1, 2, 3).map((x) => x * 10).collect()', ']');
    expect(out).toContain('[ 10, 20, 30 ]');
  });

  it('shows an error with its line and keeps going', async () => {
    await h.type('const y = 1, z = [y,', '...');
    const out = await h.type('  noSuchName + y]', 'rivulet>');
    expect(out).toContain('ReferenceError: noSuchName is not defined');
    expect(out).toContain('at line 2:   noSuchName + y]');
    expect(out).not.toMatch(/at .*node:internal/);
    expect(await h.type('y + 1', '2')).toContain('2');
  });

  it("shows a RivuletError's code, what was wrong and what to do", async () => {
    const out = await h.type('new StreamEnvironment({ parallelism: 0 })', 'rivulet>');
    expect(out).toMatch(/RivuletError \[BAD_PARALLELISM\]: .+/);
  });

  it('shows a syntax error with a caret under its column', async () => {
    const out = await h.type('const = 3', 'rivulet>');
    expect(out).toContain('SyntaxError');
    expect(out).toContain('at line 1: const = 3');
    expect(out).toMatch(/\n\s+\^/);
  });

  it('lists its commands and keys on .help', async () => {
    const out = await h.type('.help', 'Ctrl-C');
    for (const c of ['.views', '.view NAME', '.dash', '.explain', '.snapshot DIR', '.restore DIR', '.stop', '.load FILE.ts']) expect(out).toContain(c);
    expect(out).toContain('space pause/resume');
  });

  it('lists views on .views and explains a stream on .explain', async () => {
    expect(await h.type('.views', 'No views yet')).toContain('No views yet');
    await h.type('const env = new StreamEnvironment()', 'rivulet>');
    await h.type("const doubled = env.fromElements(1, 2, 3).map((x) => x * 2)", 'rivulet>');
    await h.type("doubled.view({ name: 'doubled' }); await env.execute()", 'rivulet>');
    expect(await h.type('.views', 'doubled')).toMatch(/doubled\s+finished\s+3 rows · 3 events in/);
    expect(await h.type('.explain doubled', 'map')).toContain('fromElements');
    expect(await h.type('.explain 42', 'rivulet>')).toContain('42 is not a stream or an environment');
  });

  it('names the known views when .view is given an unknown one', async () => {
    expect(await h.type('.view nothing', 'rivulet>')).toContain('RivuletError [UNKNOWN_VIEW]: No view is named "nothing"');
    expect(await h.type('.view', 'rivulet>')).toContain('Usage: .view NAME');
  });

  it('stops running streams on .stop and refuses .snapshot without a running job', async () => {
    await h.type('const env = new StreamEnvironment()', 'rivulet>');
    await h.type('env.fromGenerator((i) => i, { eventsPerSecond: 1000 }).addSink(() => {}); const job = env.execute()', 'rivulet>');
    expect(runningJobs().length).toBe(1);
    expect(await h.type('.stop', 'Stopped')).toContain('Stopped 1 stream job.');
    expect(runningJobs().length).toBe(0);
    expect(await h.type('.snapshot ' + join(dir, 's1'), 'rivulet>')).toContain('RivuletError [NO_RUNNING_JOB]');
  });

  it('snapshots the running job on .snapshot and restores the next run from it on .restore', async () => {
    await h.type('const env = new StreamEnvironment()', 'rivulet>');
    await h.type('env.fromGenerator((i) => ({ k: i % 3 }), { eventsPerSecond: 2000 }).keyBy((r) => r.k).sum("k").addSink(() => {}); const job = env.execute()', 'rivulet>');
    const snap = join(dir, 'snap');
    expect(await h.type('.snapshot ' + snap, 'rivulet>')).toContain(`snapshot written to ${snap}`);
    await h.type('.stop', 'Stopped');
    expect(await h.type('.restore ' + snap, 'rivulet>')).toContain(`the next run of env starts from ${snap}`);
    expect(await h.type('.snapshot', 'rivulet>')).toContain('Usage: .snapshot DIR');
  });

  it('runs a file on .load and keeps its names', async () => {
    const file = join(dir, 'pipeline.ts');
    writeFileSync(file, 'const fromFile: number[] = [1, 2, 3];\nconst total = fromFile.reduce((a, b) => a + b, 0);\n');
    await h.type('.load ' + file, 'rivulet>');
    expect(await h.type('total', '6')).toContain('6');
    expect(await h.type('.load ' + join(dir, 'missing.ts'), 'rivulet>')).toContain('FILE_NOT_FOUND');
  });
});
