// IoT sensor readings, for teaching event time: `sensors` sensors each report every `intervalMs`, in rounds;
// event i is the i-th reading to arrive. Readings arrive out of order (event time up to `maxDelayMs` before
// their arrival slot), a fraction arrive late (`lateDelayMs` behind: beyond a typical watermark bound), and
// one sensor (`deadSensor`) stops reporting after `deadAfterMs`, so a per-sensor watermark stalls there and
// an idle timeout is what lets the others go on. Random access: event i is computed from (seed, i) alone.
import { SeededGenerator } from './seeded-generator.ts';
import type { Generator } from './generator.ts';
import { rngFor } from './random.ts';
import { checkIndex, fraction, pad, positive, resolveCommon, bad, type CommonGeneratorOptions, type ResolvedCommon } from './generator-options.ts';

export interface SensorReading {
  sensor: string;
  /** Event time: when the reading was taken (ms). */
  time: number;
  temperature: number;
  humidity: number;
}

export interface SensorOptions extends CommonGeneratorOptions {
  /** How many sensors (default 6). */
  sensors?: number;
  /** Each sensor reports once per interval (ms, default 1000). */
  intervalMs?: number;
  /** Ordinary readings are up to this much older than their arrival slot (ms, default 1500). */
  maxDelayMs?: number;
  /** The share of readings that arrive late (default 0.03) ... */
  lateFraction?: number;
  /** ... this much behind their slot (ms, default 8000). */
  lateDelayMs?: number;
  /** The sensor (1-based number) that goes dead; 0 for none (default: the last one). */
  deadSensor?: number;
  /** ... after this long (ms of event time from baseTime, default 30 000). */
  deadAfterMs?: number;
}

interface Resolved extends ResolvedCommon {
  readonly sensors: number;
  readonly intervalMs: number;
  readonly maxDelayMs: number;
  readonly lateFraction: number;
  readonly lateDelayMs: number;
  readonly dead: number;
  readonly deadRound: number;
}

const NAME = 'sensors';

function resolve(options: SensorOptions | undefined): Resolved {
  const c = resolveCommon(NAME, options);
  const o = options ?? {};
  const sensors = positive(NAME, 'sensors', o.sensors, 6, true);
  const intervalMs = positive(NAME, 'intervalMs', o.intervalMs, 1000, true);
  const maxDelayMs = o.maxDelayMs === 0 ? 0 : positive(NAME, 'maxDelayMs', o.maxDelayMs, 1500, true);
  const dead = o.deadSensor ?? sensors;
  if (!Number.isInteger(dead) || dead < 0 || dead > sensors) throw bad(NAME, 'deadSensor', `0 or a sensor number from 1 to ${sensors}`, o.deadSensor);
  if (dead > 0 && sensors < 2) throw bad(NAME, 'deadSensor', '0 when there is one sensor', o.deadSensor);
  const deadAfterMs = positive(NAME, 'deadAfterMs', o.deadAfterMs, 30_000, true);
  return {
    ...c, sensors, intervalMs, maxDelayMs, dead,
    lateFraction: fraction(NAME, 'lateFraction', o.lateFraction, 0.03),
    lateDelayMs: positive(NAME, 'lateDelayMs', o.lateDelayMs, 8000, true),
    deadRound: dead === 0 ? Infinity : Math.ceil(deadAfterMs / intervalMs),
  };
}

class SensorGenerator extends SeededGenerator<SensorReading, Resolved> {
  readonly name = NAME;

  at(index: number): SensorReading {
    checkIndex(NAME, index);
    const r = this.r;
    // Rounds before the dead sensor stops hold every sensor; later rounds hold the others.
    const full = Number.isFinite(r.deadRound) ? r.deadRound * r.sensors : Infinity;
    let round: number;
    let sensor: number;
    if (index < full) {
      round = Math.floor(index / r.sensors);
      sensor = (index % r.sensors) + 1;
    } else {
      const j = index - full;
      round = r.deadRound + Math.floor(j / (r.sensors - 1));
      sensor = (j % (r.sensors - 1)) + 1;
      if (sensor >= r.dead) sensor++;
    }
    const rng = rngFor(r.seed, index);
    const slot = r.baseTime + round * r.intervalMs + Math.floor(((sensor - 1) * r.intervalMs) / r.sensors);
    const late = rng.next() < r.lateFraction;
    const delay = late ? r.lateDelayMs + rng.int(r.intervalMs) : rng.int(r.maxDelayMs + 1);
    const time = slot - delay;
    const phase = (sensor * 2 * Math.PI) / r.sensors;
    const temperature = 20 + 4 * Math.sin((time - r.baseTime) / 60_000 + phase) + (rng.next() - 0.5);
    const humidity = 45 + 10 * Math.cos((time - r.baseTime) / 90_000 + phase) + 2 * (rng.next() - 0.5);
    return { sensor: `sensor-${pad(sensor, 2)}`, time, temperature: Math.round(temperature * 100) / 100, humidity: Math.round(humidity * 10) / 10 };
  }
}

/** Seeded IoT sensor readings with out-of-order and late arrivals and one sensor that goes dead. */
export function sensors(options?: SensorOptions): Generator<SensorReading> {
  return new SensorGenerator(resolve(options));
}
