import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageHandler } from '../../kernel/message-handler.ts';
import { captureOutput } from '../../kernel/output-capture.ts';
import { setDisplayTarget } from '../../runtime/session/display-registry.ts';
import { InMemoryChannels, eventually, request } from './in-memory-channels.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const channels = new InMemoryChannels();
const logged: string[] = [];
const handler = new MessageHandler({ channels, cwd: repoRoot, log: (t) => void logged.push(t) });
let restoreOutput: () => void = () => {};

beforeAll(() => {
  setDisplayTarget(handler.display);
  restoreOutput = captureOutput(handler.output);
});
afterAll(() => {
  restoreOutput();
  setDisplayTarget(null);
  handler.executor.jobs.close();
});

/** Runs a cell as the kernel's shell loop does; `queued` leaves more requests waiting behind it. */
async function execute(code: string, extra: Record<string, unknown> = {}, queued = false) {
  const req = request('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra });
  await handler.handle('shell', req);
  if (!queued) handler.shellDrained();
  return { req, reply: channels.reply(req)?.content ?? {}, iopub: channels.iopub(req) };
}

describe('MessageHandler', () => {
  it('answers kernel_info between busy and idle, on the channel it came from', async () => {
    const req = request('kernel_info_request');
    await handler.handle('shell', req);
    const reply = channels.reply(req);
    expect(reply?.header.msg_type).toBe('kernel_info_reply');
    expect(reply?.identities.map(String)).toEqual(['client']);
    expect(reply?.content).toMatchObject({ status: 'ok', protocol_version: '5.3', language_info: { name: 'typescript', file_extension: '.ts' } });
    expect(channels.iopub(req)).toEqual([
      ['status', { execution_state: 'busy' }],
      ['status', { execution_state: 'idle' }],
    ]);
  });

  it('executes a cell: execute_input, its stdout, the last value as execute_result, then the reply', async () => {
    const { reply, iopub } = await execute("process.stdout.write('hello\\n'); 20 + 22");
    expect(reply).toMatchObject({ status: 'ok', execution_count: expect.any(Number) });
    const count = reply.execution_count;
    expect(iopub.map(([t]) => t)).toEqual(['status', 'execute_input', 'stream', 'execute_result', 'status']);
    expect(iopub[1]?.[1]).toEqual({ code: "process.stdout.write('hello\\n'); 20 + 22", execution_count: count });
    expect(iopub[2]?.[1]).toEqual({ name: 'stdout', text: 'hello\n' });
    expect(iopub[3]?.[1]).toEqual({ execution_count: count, data: { 'text/plain': '42' }, metadata: {} });
  });

  it('keeps names across cells and lets a later cell redeclare a const', async () => {
    await execute('const answer = 41');
    await execute('const answer: string = "forty-two"');
    const { iopub } = await execute('answer.length');
    expect(iopub.find(([t]) => t === 'execute_result')?.[1]).toMatchObject({ data: { 'text/plain': '9' } });
  });

  it('reports an error with the cell line and column, as the only output', async () => {
    const { reply, iopub } = await execute("const a = 1\n\nthrow new RangeError('too far')");
    expect(reply).toMatchObject({ status: 'error', ename: 'RangeError', evalue: 'too far' });
    const outputs = iopub.filter(([t]) => t !== 'status' && t !== 'execute_input');
    expect(outputs.map(([t]) => t)).toEqual(['error']);
    const tb = outputs[0]?.[1].traceback as string[];
    expect(tb[0]).toBe('RangeError: too far (line 3, column 7)');
    expect(tb.some((l) => /In\[\d+\]:3:7/.test(l))).toBe(true);
  });

  it('sends output written after the cell finished to the cell that started it', async () => {
    const first = await execute("setTimeout(() => process.stdout.write('late from the first cell\\n'), 50); 'started'");
    const second = await execute('await new Promise((r) => setTimeout(r, 1)); 1');
    await eventually(() => channels.iopub(first.req).some(([t, c]) => t === 'stream' && c.text === 'late from the first cell\n'), 'the late output');
    expect(channels.iopub(second.req).some(([t]) => t === 'stream')).toBe(false);
  });

  it('shows a live view as display_data and refreshes it in place with update_display_data', async () => {
    await execute("import { StreamEnvironment } from 'rivulet'\nconst env1 = new StreamEnvironment({ parallelism: 2 })");
    const viewCell = await execute("const v = env1.fromElements(...Array.from({ length: 20 }, (_, i) => ({ key: 'k' + (i % 3), n: i }))).keyBy((r) => r.key).sum('n').view({ name: 'sums' })");
    const shown = viewCell.iopub.find(([t]) => t === 'display_data')?.[1];
    const id = (shown?.transient as { display_id?: string } | undefined)?.display_id;
    expect(id).toMatch(/^rivulet-view-/);
    const run = await execute("await env1.execute('sums')");
    const updates = channels.iopub(run.req).filter(([t]) => t === 'update_display_data');
    expect(updates.length).toBeGreaterThan(0);
    const last = updates.at(-1)?.[1] as { data: Record<string, string>; transient: { display_id: string } };
    expect(last.transient.display_id).toBe(id);
    expect(last.data['text/html']).toContain('<table');
    expect(last.data['text/plain']).toContain('k2');
    const again = await execute("env1.view('sums')");
    const result = again.iopub.find(([t]) => t === 'execute_result')?.[1].data as Record<string, string>;
    expect(result['text/html']).toContain('<table');
    expect(result['text/plain']).toContain('k2');
  });

  it('shows a stream as its plan and a view as its table when they are the last value', async () => {
    await execute("const env2 = new StreamEnvironment()\nconst doubled = env2.fromElements(1, 2, 3).map((x: number) => x * 2)");
    const plan = await execute('doubled');
    const data = plan.iopub.find(([t]) => t === 'execute_result')?.[1].data as Record<string, string>;
    expect(data['text/plain']).toContain('fromElements');
    const view = await execute("doubled.view({ name: 'doubled' })");
    expect(view.iopub.filter(([t]) => t === 'display_data' || t === 'execute_result').map(([t]) => t)).toEqual(['display_data']);
    await execute("await env2.execute('doubled')");
    const chart = await execute("doubled.map((x: number) => ({ k: 'x' + x, n: x })).chart({ name: 'bars', x: 'k', y: 'n', mark: 'bar' })\nawait env2.execute('bars')\nenv2.view('bars')");
    const shown = chart.iopub.filter(([t]) => t === 'display_data' || t === 'execute_result');
    expect(shown.map(([t]) => t)).toEqual(['display_data']);
    const bars = chart.iopub.filter(([t]) => t === 'update_display_data').at(-1)?.[1].data as Record<string, unknown>;
    expect(String(bars['image/svg+xml'])).toContain('<svg');
    expect(bars['application/vnd.vegalite.v5+json']).toMatchObject({ mark: expect.anything() });
  });

  it('shows a stream that fails after its cell finished as an error in that cell, and stays alive', async () => {
    await execute("const env3 = new StreamEnvironment()\nconst gate = { open: false }");
    const started = await execute(
      "env3.fromGenerator((i: number) => i, { eventsPerSecond: 200 }).map((x: number) => {\n  if (gate.open) throw new Error('bad record ' + x)\n  return x\n}).addSink(() => {})\nconst job = env3.execute('fails later')",
    );
    expect(started.reply).toMatchObject({ status: 'ok' });
    await execute('gate.open = true');
    await eventually(() => channels.iopub(started.req).some(([t]) => t === 'error'), 'the stream failure in its cell');
    const err = channels.iopub(started.req).find(([t]) => t === 'error')?.[1] as { evalue: string; traceback: string[] };
    expect(err.evalue).toContain('bad record');
    expect(err.traceback.join('\n')).toMatch(/In\[\d+\]:2:24/);
    const after = await execute('job.status');
    expect(after.iopub.find(([t]) => t === 'execute_result')?.[1]).toMatchObject({ data: { 'text/plain': "'failed'" } });
  });

  it('interrupts a waiting cell and every running stream, and keeps the names', async () => {
    await execute("const env4 = new StreamEnvironment()\nconst endless = env4.fromGenerator((i: number) => ({ i }), { eventsPerSecond: 1000 }).view({ name: 'endless' })\nconst handle = env4.execute('endless')");
    const waiting = request('execute_request', { code: 'await new Promise(() => {})', silent: false, store_history: true });
    const done = handler.handle('shell', waiting);
    await eventually(() => channels.iopub(waiting).some(([t]) => t === 'execute_input'), 'the waiting cell to start');
    const interrupt = request('interrupt_request');
    await handler.handle('control', interrupt);
    expect(channels.reply(interrupt)?.content).toEqual({ status: 'ok' });
    await done;
    handler.shellDrained();
    expect(channels.reply(waiting)?.content).toMatchObject({ status: 'error', ename: 'KeyboardInterrupt' });
    const after = await execute('await handle; [handle.status, endless.name]');
    expect(after.iopub.find(([t]) => t === 'execute_result')?.[1]).toMatchObject({ data: { 'text/plain': "[ 'stopped', 'endless' ]" } });
  });

  it('aborts the requests queued behind a failed cell (stop_on_error) until the queue drained', async () => {
    await execute("throw new Error('first')", {}, true);
    const queued = await execute('const afterFailure = 1');
    expect(queued.reply).toMatchObject({ status: 'aborted' });
    expect(queued.iopub.map(([t]) => t)).toEqual(['status', 'status']);
    const tolerant = await execute("throw new Error('second')", { stop_on_error: false });
    expect(tolerant.reply).toMatchObject({ status: 'error' });
    const runs = await execute('typeof afterFailure');
    expect(runs.iopub.find(([t]) => t === 'execute_result')?.[1]).toMatchObject({ data: { 'text/plain': "'undefined'" } });
  });

  it('completes, inspects and tells whether code is complete', async () => {
    await execute('const greeting = { hello: 1, help: 2 }');
    const complete = request('complete_request', { code: 'greeting.he', cursor_pos: 11 });
    await handler.handle('shell', complete);
    expect(channels.reply(complete)?.content).toEqual({ status: 'ok', matches: ['hello', 'help'], cursor_start: 9, cursor_end: 11, metadata: {} });
    const inspect = request('inspect_request', { code: 'greeting', cursor_pos: 3, detail_level: 0 });
    await handler.handle('shell', inspect);
    expect(channels.reply(inspect)?.content).toMatchObject({ status: 'ok', found: true, data: { 'text/plain': expect.stringContaining('greeting: Object') } });
    for (const [code, status] of [['1 +', 'incomplete'], ['1 + 1', 'complete'], ['1 +)', 'invalid']] as const) {
      const r = request('is_complete_request', { code });
      await handler.handle('shell', r);
      expect(channels.reply(r)?.content.status).toBe(status);
    }
  });

  it('answers comm_info and history, and shutdown with the restart flag', async () => {
    const comm = request('comm_info_request', {});
    await handler.handle('shell', comm);
    expect(channels.reply(comm)?.content).toEqual({ status: 'ok', comms: {} });
    const history = request('history_request', { hist_access_type: 'tail', n: 10 });
    await handler.handle('shell', history);
    expect(channels.reply(history)?.content).toEqual({ status: 'ok', history: [] });
    const restarts: boolean[] = [];
    const other = new MessageHandler({ channels: new InMemoryChannels(), onShutdown: (r) => void restarts.push(r), log: () => {} });
    const shutdown = request('shutdown_request', { restart: true });
    await other.handle('control', shutdown);
    other.executor.jobs.close();
    expect(restarts).toEqual([true]);
  });
});

describe('a kernel started outside the Rivulet checkout', () => {
  it("still imports 'rivulet' and its dependencies from its own checkout", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'rivulet-notebook-dir-'));
    const ch = new InMemoryChannels();
    const outside = new MessageHandler({ channels: ch, cwd: elsewhere, log: () => {} });
    try {
      const req = request('execute_request', { code: "import { StreamEnvironment } from 'rivulet'\nimport { table } from 'arquero'\nawait new StreamEnvironment().fromElements(1, 2).collect()" });
      await outside.handle('shell', req);
      expect(ch.reply(req)?.content).toMatchObject({ status: 'ok' });
      const missing = request('execute_request', { code: "import './not-here.ts'" });
      await outside.handle('shell', missing);
      expect(ch.reply(missing)?.content).toMatchObject({ status: 'error', evalue: expect.stringContaining('not-here') });
    } finally {
      outside.executor.jobs.close();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
