// Random bounded pipelines for the differential tests: the same pipeline (filter / map / keyBy / window kind
// / aggregates / lateness) built on the runtime, plus what the plain-loop oracle needs to compute it.
// Every lambda is in the translatable subset, so the DuckDB engine must accept all of them.
import { StreamEnvironment, agg } from '../../../runtime/index.ts';
import { randomInt, randomStream, randomWindowSpec, seededRandom, pick, type RandomWindowSpec, type StreamRecord } from '../../helpers/random-stream.ts';
import { assignerOf } from '../oracle/pipeline-from-spec.ts';
export { assignerOf, oracleAggregates } from '../oracle/pipeline-from-spec.ts';

type Rec = StreamRecord;

const FILTERS: ((r: Rec) => boolean)[] = [
  (r) => r.value > -20,
  (r) => r.value % 3 !== 0,
  (r) => (r.key === 'k0' ? r.value >= 0 : true),
  (r) => !(r.value < 0 && r.id % 2 === 0),
  (r) => Math.abs(r.value) <= 70 || r.key.toString().startsWith('k1'),
];

const MAPS: ((r: Rec) => Rec)[] = [
  (r) => ({ ...r, value: r.value * 2 - 1 }),
  (r) => ({ id: r.id, key: r.key, ts: r.ts, value: Math.max(r.value, 0) + Math.floor(r.id / 3) }),
  (r) => ({ ...r, value: r.value > 50 ? 50 : r.value < -10 ? -10 : r.value }),
  (r) => ({ ...r, key: r.key.toString().toUpperCase() }),
];

const KEYS: (((r: Rec) => unknown) | 'key')[] = ['key', (r) => r.key, (r) => Math.abs(r.value) % 3, (r) => r.key + '-' + (r.id % 2 === 0 ? 'even' : 'odd')];

export interface RandomCase {
  seed: number;
  records: Rec[];
  spec: RandomWindowSpec;
  filter: ((r: Rec) => boolean) | null;
  map: ((r: Rec) => Rec) | null;
  /** Apply filter and map before withWatermarks (true) or after it (the watermark then sees every record). */
  before: boolean;
  key: ((r: Rec) => unknown) | 'key';
  kind: 'window' | 'rolling';
  parallelism: number;
  /** The case without its session windows (sessions run only where the engine supports them). */
  describe: string;
}

/**
 * `sessionRecords` caps the input of session-window cases (DuckDB walks each key's elements one step per
 * element, so they cost the most); the separate fuzz run leaves it at 250.
 */
export function randomCase(seed: number, sessionRecords = 250): RandomCase {
  const rng = seededRandom(seed * 104729 + 17);
  const spec = randomWindowSpec(rng);
  const n = randomInt(rng, 10, 250);
  const records = randomStream(seed, {
    n: spec.window.kind === 'session' ? Math.min(n, sessionRecords) : n,
    keys: randomInt(rng, 1, 10),
    maxDelay: randomInt(rng, 0, 20),
    lateFraction: rng() < 0.3 ? 0 : 0.1,
    lateBy: randomInt(rng, 5, 60),
  });
  const filter = rng() < 0.5 ? pick(rng, FILTERS) : null;
  const map = rng() < 0.4 ? pick(rng, MAPS) : null;
  const c: RandomCase = {
    seed,
    records,
    spec,
    filter,
    map,
    before: rng() < 0.6,
    key: pick(rng, KEYS),
    kind: rng() < 0.85 ? 'window' : 'rolling',
    parallelism: randomInt(rng, 1, 4),
    describe: '',
  };
  c.describe = `seed ${seed}: ${c.kind} ${JSON.stringify(spec)} filter ${filter?.toString() ?? '-'} map ${map?.toString() ?? '-'} ${c.before ? 'before' : 'after'} watermarks, key ${c.key.toString()}, p=${c.parallelism}`;
  return c;
}

export const runtimeAggregates = {
  n: agg.count(),
  total: agg.sum<Rec>('value'),
  low: agg.min<Rec>('value'),
  high: agg.max<Rec>((r) => r.value),
  mean: agg.avg<Rec>('value'),
  firstId: agg.first<Rec, number>('id'),
  lastId: agg.last<Rec, number>((r) => r.id),
};

/** The records as the oracle sees them (filter and map applied) when they run before withWatermarks. */
export function oracleInput(c: RandomCase): Rec[] {
  let rs = c.records;
  if (c.filter) rs = rs.filter(c.filter);
  if (c.map) rs = rs.map(c.map);
  return rs;
}

export function keyFn(c: RandomCase): (r: Rec) => unknown {
  const k = c.key;
  return k === 'key' ? (r) => r.key : k;
}

/** The case's pipeline on a fresh environment: its result stream (windowed or rolling). */
export function buildPipeline(c: RandomCase) {
  const env = new StreamEnvironment({ parallelism: c.parallelism });
  let s = env.fromArray(c.records);
  const steps = (x: typeof s): typeof s => {
    let y = x;
    if (c.filter) y = y.filter(c.filter);
    if (c.map) y = y.map(c.map);
    return y;
  };
  if (c.before) s = steps(s);
  s = s.withWatermarks({ timestamp: (r) => r.ts, maxOutOfOrderness: c.spec.maxOutOfOrderness });
  if (!c.before) s = steps(s);
  const keyed = c.key === 'key' ? s.keyBy('key') : s.keyBy(c.key);
  if (c.kind === 'rolling') return { env, result: keyed.aggregate(runtimeAggregates), late: null };
  const result = keyed.window(assignerOf(c.spec.window)).allowedLateness(c.spec.allowedLateness).aggregate(runtimeAggregates);
  return { env, result, late: result.lateOutput() };
}
