// Under env.replay, processing time is the recording's time, so idle timeouts follow the recording: the dead
// sensor of data/sensors.jsonl stalls a union's watermark without an idle timeout, and with one the others go
// on — with the same results at any speed and parallelism.
import { describe, expect, it } from 'vitest';
import { StreamEnvironment, Windows, agg, type SensorReading } from '../../../../runtime/index.ts';

const SENSORS = ['sensor-01', 'sensor-02', 'sensor-03', 'sensor-04', 'sensor-05', 'sensor-06'];
const TWO_MINUTES = Date.UTC(2026, 0, 1, 0, 2, 0);

async function replay(idleTimeout: number | undefined, speed: number, parallelism: number): Promise<{ rows: string; windows: number; watermark: number | null }> {
  const env = new StreamEnvironment({ parallelism });
  const all = env.fromRecording<SensorReading>('data/sensors.jsonl');
  const [first, ...rest] = SENSORS.map((id) =>
    all.filter((r) => r.sensor === id).withWatermarks({ timestamp: 'time', maxOutOfOrderness: 2000, ...(idleTimeout !== undefined ? { idleTimeout } : {}) }),
  );
  const view = first!.union(...rest).windowAll(Windows.tumbling(10_000)).aggregate({ readings: agg.count() }).view({ name: 'all', display: false });
  env.replay.speed(speed);
  await env.replay.stepTo(TWO_MINUTES);
  return { rows: JSON.stringify(view.rows()), windows: view.size, watermark: view.progress().watermark };
}

describe('idle timeouts under replay', () => {
  it('follow the recording: a dead sensor stalls the watermark, an idle timeout lets it go on, alike at any speed', async () => {
    const stalled = await replay(undefined, Infinity, 1);
    expect(stalled.watermark).toBeLessThan(Date.UTC(2026, 0, 1, 0, 1, 0));
    const idle = await replay(5000, Infinity, 1);
    expect(idle.watermark).toBeGreaterThan(Date.UTC(2026, 0, 1, 0, 1, 50));
    expect(idle.windows).toBeGreaterThan(stalled.windows);
    const paced = await replay(5000, 2000, 2);
    expect(paced.rows).toBe(idle.rows);
    expect(paced.watermark).toBe(idle.watermark);
  });
});
