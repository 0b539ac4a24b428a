import { describe, expect, it } from 'vitest';
import { OperatorHarness } from '../../helpers/operator-harness.ts';
import { WatermarkAssigner, type WatermarkStrategy } from '../../../runtime/operators/watermark-assigner.ts';
import { RivuletError, StreamEnvironment } from '../../../runtime/index.ts';

interface Ev {
  t: unknown;
}

function assigner(maxOutOfOrderness: number, idleTimeout?: number, timestamp: WatermarkStrategy['timestamp'] = (r: Ev) => r.t as number) {
  return new OperatorHarness((ctx) => new WatermarkAssigner({ timestamp, maxOutOfOrderness, idleTimeout }, ctx.out, ctx.clock));
}

const ev = (...ts: unknown[]): Ev[] => ts.map((t) => ({ t }));

function caught(f: () => unknown): RivuletError {
  try {
    f();
  } catch (e) {
    return e as RivuletError;
  }
  throw new Error('expected a throw');
}

describe('WatermarkAssigner', () => {
  it('stamps each row with its event time and the watermark in effect before it (maxTs - maxOutOfOrderness - 1)', () => {
    const h = assigner(3);
    h.push(ev(10, 5, 20, 18));
    expect(h.timedOutput().map((c) => [c.ts, c.wm])).toEqual([
      [10, -Infinity],
      [5, 6],
      [20, 6],
      [18, 16],
    ]);
    expect(h.main.watermarks()).toEqual([16]);
  });

  it('advances the watermark after every record, so batch boundaries do not matter', () => {
    const rows = ev(100, 130, 90, 200, 150, 210);
    const one = assigner(20);
    one.push(rows);
    const each = assigner(20);
    for (const r of rows) each.push([r]);
    expect(each.timedOutput()).toEqual(one.timedOutput());
    expect(one.timedOutput().map((c) => c.wm)).toEqual([-Infinity, 79, 109, 109, 179, 179]);
    expect(each.main.watermarks()).toEqual([79, 109, 179, 189]);
    expect(one.main.watermark).toBe(189);
  });

  it('never moves the watermark backwards on out-of-order records', () => {
    const h = assigner(0);
    h.push(ev(50)).push(ev(10, 20)).push(ev(49));
    expect(h.main.watermarks()).toEqual([49]);
    expect(h.timedOutput().map((c) => c.wm)).toEqual([-Infinity, 49, 49, 49]);
    expect(h.problems).toEqual([]);
  });

  it('accepts Dates and a field name as the timestamp (through the public API)', async () => {
    const env = new StreamEnvironment();
    const viaDate = await env
      .fromElements({ at: new Date(1_000) }, { at: new Date(2_000) })
      .withWatermarks({ timestamp: (r) => r.at })
      .collect();
    expect(viaDate).toHaveLength(2);
    const h = assigner(0, undefined, (r: { at: Date }) => r.at);
    h.push([{ at: new Date(1_500) }]);
    expect(h.timedOutput()[0]?.ts).toBe(1_500);
    expect(h.main.watermark).toBe(1_499);
  });

  it('rejects a timestamp that is not a finite number with BAD_TIMESTAMP naming the value and the record', () => {
    for (const bad of ['1000', NaN, Infinity, null, undefined, new Date(NaN)]) {
      const e = caught(() => assigner(0).push(ev(bad)));
      expect(e).toBeInstanceOf(RivuletError);
      expect(e.code).toBe('BAD_TIMESTAMP');
    }
    expect(caught(() => assigner(0).push(ev('1000'))).message).toBe(
      'The timestamp function returned "1000" for record {"t":"1000"}; timestamps must be finite numbers of milliseconds. ' +
        'Return a number (e.g. r => r.dateTime) or a Date; check the field name.',
    );
  });

  it('wraps a throwing timestamp function in USER_FUNCTION_FAILED naming withWatermarks', () => {
    const h = assigner(0, undefined, (r: { a: { t: number } }) => r.a.t);
    const e = caught(() => h.push([{}]));
    expect(e).toBeInstanceOf(RivuletError);
    expect(e.code).toBe('USER_FUNCTION_FAILED');
    expect(e.message).toMatch(/withWatermarks|timestamp/);
  });

  it('marks the stream idle once idleTimeout of processing time passes without records, once', () => {
    const h = assigner(0, 100);
    h.push(ev(1000));
    h.advanceProcessingTime(99);
    expect(h.main.idleBatches).toHaveLength(0);
    h.advanceProcessingTime(1);
    expect(h.main.idleBatches).toHaveLength(1);
    expect(h.main.batches.at(-1)).toMatchObject({ rows: [], wmEnd: 999, idle: true });
    h.advanceProcessingTime(500);
    expect(h.main.idleBatches).toHaveLength(1);
  });

  it('becomes active again with the next record and restarts the idle countdown from it', () => {
    const h = assigner(0, 100);
    h.advanceProcessingTime(100);
    expect(h.main.idleBatches).toHaveLength(1);
    h.push(ev(5));
    expect(h.main.batches.at(-1)).toMatchObject({ idle: false, wmEnd: 4 });
    h.advanceProcessingTime(60);
    h.push(ev(6));
    h.advanceProcessingTime(60);
    expect(h.main.idleBatches).toHaveLength(1);
    h.advanceProcessingTime(40);
    expect(h.main.idleBatches).toHaveLength(2);
  });

  it('never goes idle without an idleTimeout', () => {
    const h = assigner(0);
    h.advanceProcessingTime(1_000_000);
    expect(h.main.batches).toHaveLength(0);
  });

  it('emits the final watermark (+Infinity) at the end of input, then ends', () => {
    const h = assigner(10);
    h.push(ev(100)).finish();
    expect(h.main.watermarks()).toEqual([89, Infinity]);
    expect(h.ended).toBe(true);
    expect(h.problems).toEqual([]);
  });

  it('keeps the changelog kinds of its input', () => {
    const h = assigner(0);
    h.push(ev(1, 2), { ops: ['-U', '+U'] });
    expect(h.output().map((c) => c.op)).toEqual(['-U', '+U']);
  });
});
