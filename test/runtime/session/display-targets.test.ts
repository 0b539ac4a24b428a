// Display targets: the plain-Node target (text on stdout, sparingly, redrawn in place on a terminal), the
// tslab target (found among loaded modules, never loaded; whole bundles through tslab's Jupyter module),
// and the registry a kernel or REPL plugs its own target into.
import { afterEach, describe, expect, it } from 'vitest';
import {
  NodeDisplayTarget,
  TslabDisplayTarget,
  findTslab,
  setDisplayTarget,
  getDisplayTarget,
  RecordingDisplayTarget,
  RivuletError,
  StreamEnvironment,
} from '../../../runtime/index.ts';

afterEach(() => setDisplayTarget(null));

function nodeTarget(tty: boolean, minIntervalMs = 1000) {
  let now = 0;
  let written = 0;
  const out: string[] = [];
  const target = new NodeDisplayTarget({
    write: (t) => {
      out.push(t);
      written += t.length;
    },
    tty,
    minIntervalMs,
    now: () => now,
    columns: () => 80,
    bytesWritten: () => written,
  });
  return {
    target,
    out,
    advance: (ms: number) => (now += ms),
    foreign: (t: string) => (written += t.length),
  };
}

const text = (s: string) => ({ 'text/plain': s, 'text/html': `<p>${s}</p>` });

describe('NodeDisplayTarget', () => {
  it('prints nothing when a display is shown, and its first update only after minIntervalMs', () => {
    const { target, out, advance } = nodeTarget(false, 10_000);
    target.show(text('empty'), 'v');
    target.update('v', text('one'));
    advance(5_000);
    target.update('v', text('two'));
    expect(out).toEqual([]);
    advance(5_000);
    target.update('v', text('three'));
    expect(out).toEqual(['three\n']);
  });

  it('always prints a final update, once', () => {
    const { target, out } = nodeTarget(false);
    target.show(text('empty'), 'v');
    target.update('v', text('done'), { final: true });
    target.update('v', text('done'), { final: true });
    expect(out).toEqual(['done\n']);
  });

  it('redraws in place on a terminal when nothing else was printed since', () => {
    const { target, out, advance, foreign } = nodeTarget(true);
    target.show(text('a\nb'), 'v');
    advance(1000);
    target.update('v', text('a\nc'));
    advance(1000);
    target.update('v', text('a\nd'));
    expect(out).toEqual(['a\nc\n', '\x1b[2F\x1b[Ja\nd\n']);
    foreign('other output\n');
    target.update('v', text('a\ne'), { final: true });
    expect(out.at(-1)).toBe('a\ne\n');
  });

  it('counts wrapped lines when it redraws', () => {
    const { target, out } = nodeTarget(true);
    target.show(text('x'.repeat(170)), 'v', { final: true });
    target.update('v', text('y'), { final: true });
    expect(out.at(-1)).toBe('\x1b[3F\x1b[Jy\n');
  });

  it("prints the final table of a script's view on stdout", async () => {
    const lines: string[] = [];
    const env = new StreamEnvironment();
    env.fromElements({ key: 'a', n: 1 }, { key: 'b', n: 2 }).view({ name: 'script', width: 100, display: new NodeDisplayTarget({ write: (t) => lines.push(t) }) });
    await env.execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^script · finished · 2 events in · [\d,]+ events\/s · watermark — · 0 late dropped\nkey  n\n───  ─\na    1\nb    2\n2 rows\n$/);
  });
});

describe('tslab target', () => {
  it('finds nothing when tslab is not loaded', () => {
    expect(findTslab({ '/app/node_modules/lodash/index.js': { exports: {} } })).toBeNull();
    expect(findTslab()).toBeNull();
  });

  it("sends whole bundles through tslab's Jupyter module, as display then update of one display id", () => {
    const sent: { data: unknown; id: string; update: boolean }[] = [];
    const jupyter = {
      lastWriteDisplayData: (d: { data: unknown; transient: { display_id: string } }, update: boolean) =>
        sent.push({ data: d.data, id: d.transient.display_id, update }),
    };
    const tslab = findTslab({ '/x/node_modules/tslab/dist/jupyter.js': { exports: jupyter } });
    expect(tslab).not.toBeNull();
    const target = new TslabDisplayTarget(tslab as NonNullable<typeof tslab>);
    target.show(text('a'), 'v1');
    target.update('v1', text('b'));
    expect(sent).toEqual([
      { data: text('a'), id: 'v1', update: false },
      { data: text('b'), id: 'v1', update: true },
    ]);
  });

  it("falls back to tslab's newDisplay with HTML when its Jupyter module is not ready", () => {
    const html: string[] = [];
    const api = { newDisplay: () => ({ html: (s: string) => html.push(s), text: (s: string) => html.push(`text:${s}`) }) };
    const tslab = findTslab({
      'C:\\x\\node_modules\\tslab\\dist\\jupyter.js': { exports: { lastWriteDisplayData: null } },
      'C:\\x\\node_modules\\tslab\\dist\\public.js': { exports: api },
    });
    const target = new TslabDisplayTarget(tslab as NonNullable<typeof tslab>);
    target.show(text('a'), 'v1');
    target.update('v1', { 'text/plain': 'only text' });
    expect(html).toEqual(['<p>a</p>', 'text:only text']);
  });
});

describe('display target registry', () => {
  it('uses the plain-Node target when nothing is registered and tslab is absent', () => {
    expect(getDisplayTarget()).toBeInstanceOf(NodeDisplayTarget);
  });

  it('uses the registered target for views shown from then on, until it is unregistered', () => {
    const target = new RecordingDisplayTarget();
    setDisplayTarget(target);
    expect(getDisplayTarget()).toBe(target);
    const env = new StreamEnvironment();
    const v = env.fromElements(1).view({ name: 'n' });
    expect(target.of(v.displayId)).toHaveLength(1);
    setDisplayTarget(null);
    expect(getDisplayTarget()).toBeInstanceOf(NodeDisplayTarget);
  });

  it('refuses something that is not a display target', () => {
    expect(() => setDisplayTarget({ show() {} } as never)).toThrow(RivuletError);
    expect(() => setDisplayTarget({ show() {} } as never)).toThrow(/setDisplayTarget: the target must be an object with show\(bundle, id\) and update\(id, bundle\)/);
  });
});
