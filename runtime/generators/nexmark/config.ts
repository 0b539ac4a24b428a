// Configuration of the Nexmark generator: the user-facing options with their defaults, the fixed event
// proportions (1 person : 3 auctions : 46 bids in every 50 events), and validation that turns a bad value
// into a RivuletError('BAD_ARGUMENT') naming the option, what it must be and what was passed.
import { RivuletError } from '../../errors/rivulet-error.ts';

/** Persons, auctions and bids in every PROPORTION_DENOMINATOR events, in this order. */
export const PERSON_PROPORTION = 1;
export const AUCTION_PROPORTION = 3;
export const BID_PROPORTION = 46;
export const PROPORTION_DENOMINATOR = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

export interface NexmarkConfig {
  /** Seed of all randomness; the same seed and options give the same events. Default 0. */
  seed?: number | undefined;
  /** Pace on the environment's clock; undefined runs as fast as possible. */
  eventsPerSecond?: number | undefined;
  /** How many items the generator yields; undefined means unbounded. */
  count?: number | undefined;
  /** Event-time rate: event i is stamped baseTime + floor(i * 1000 / rate) ms. Default 10 000. */
  rate?: number | undefined;
  /** Event time of event 0, in ms since the epoch. Default 2026-01-01T00:00:00Z. */
  baseTime?: number | undefined;
  /** Each dateTime is lowered by a deterministic random amount in [0, maxOutOfOrderMs]. Default 0. */
  maxOutOfOrderMs?: number | undefined;
  /** A bid goes to the hot auction with probability 1 - 1/hotAuctionRatio. Default 100. */
  hotAuctionRatio?: number | undefined;
  /** A bid comes from the hot bidder with probability 1 - 1/hotBidderRatio. Default 100. */
  hotBidderRatio?: number | undefined;
  /** An auction is opened by the hot seller with probability 1 - 1/hotSellerRatio. Default 100. */
  hotSellerRatio?: number | undefined;
  /** Non-hot bidders and sellers are picked among this many most recent people. Default 1000. */
  numActivePeople?: number | undefined;
  /** Non-hot bids go to one of this many most recent auctions. Default 100. */
  numInFlightAuctions?: number | undefined;
  /** Mean auction length in event time; default: the time to generate numInFlightAuctions auctions. */
  avgAuctionLengthMs?: number | undefined;
  /** Pads `extra` so each record is about this many bytes; 0 leaves `extra` empty. Default 0. */
  extraBytes?: number | undefined;
}

/** A validated configuration with every default filled in. */
export interface ResolvedNexmarkConfig {
  readonly seed: number;
  readonly eventsPerSecond: number | undefined;
  readonly count: number | undefined;
  readonly rate: number;
  readonly baseTime: number;
  readonly maxOutOfOrderMs: number;
  readonly hotAuctionRatio: number;
  readonly hotBidderRatio: number;
  readonly hotSellerRatio: number;
  readonly numActivePeople: number;
  readonly numInFlightAuctions: number;
  readonly avgAuctionLengthMs: number;
  readonly extraBytes: number;
}

export const NEXMARK_DEFAULTS = {
  seed: 0,
  rate: 10_000,
  baseTime: Date.UTC(2026, 0, 1),
  maxOutOfOrderMs: 0,
  hotAuctionRatio: 100,
  hotBidderRatio: 100,
  hotSellerRatio: 100,
  numActivePeople: 1000,
  numInFlightAuctions: 100,
  extraBytes: 0,
} as const;

/** The largest extraBytes accepted (1 MiB): beyond that the padding is a memory hazard, not a benchmark. */
export const MAX_EXTRA_BYTES = 1 << 20;

const KNOWN_OPTIONS: readonly string[] = [
  'seed', 'eventsPerSecond', 'count', 'rate', 'baseTime', 'maxOutOfOrderMs', 'hotAuctionRatio',
  'hotBidderRatio', 'hotSellerRatio', 'numActivePeople', 'numInFlightAuctions', 'avgAuctionLengthMs',
  'extraBytes',
];

/** Mean auction length such that about `numInFlightAuctions` auctions are open at any event time. */
export function defaultAuctionLengthMs(numInFlightAuctions: number, rate: number): number {
  const eventsPerAuctionBatch = (numInFlightAuctions * PROPORTION_DENOMINATOR) / AUCTION_PROPORTION;
  return (eventsPerAuctionBatch * 1000) / rate;
}

function bad(where: string, name: string, expected: string, got: unknown, hint?: string): RivuletError {
  const detail: Record<string, unknown> = { where, name, expected, got };
  if (hint !== undefined) detail.hint = hint;
  return new RivuletError('BAD_ARGUMENT', detail);
}

function integerAtLeast(where: string, name: string, value: unknown, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw bad(where, name, `an integer >= ${min}`, value);
  }
  return value;
}

function positiveNumber(where: string, name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw bad(where, name, 'a finite number > 0', value);
  }
  return value;
}

function safeInteger(where: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw bad(where, name, 'an integer', value);
  return value;
}

function rejectUnknownOptions(where: string, config: object): void {
  for (const key of Object.keys(config)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw bad(where, `option "${key}"`, 'one of the known options', (config as Record<string, unknown>)[key],
        `Known options: ${KNOWN_OPTIONS.join(', ')}.`);
    }
  }
}

/** Validates `config` and fills in defaults; `where` names the caller in error messages. */
export function resolveNexmarkConfig(config: NexmarkConfig | undefined, where: string): ResolvedNexmarkConfig {
  if (config === undefined) config = {};
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw bad(where, 'config', 'an options object such as { seed: 1, count: 1000 }', config);
  }
  rejectUnknownOptions(where, config);
  const d = NEXMARK_DEFAULTS;
  const rate = positiveNumber(where, 'rate', config.rate) ?? d.rate;
  const numInFlightAuctions = integerAtLeast(where, 'numInFlightAuctions', config.numInFlightAuctions, 1, d.numInFlightAuctions);
  const extraBytes = integerAtLeast(where, 'extraBytes', config.extraBytes, 0, d.extraBytes);
  if (extraBytes > MAX_EXTRA_BYTES) throw bad(where, 'extraBytes', `an integer between 0 and ${MAX_EXTRA_BYTES}`, extraBytes);
  return {
    seed: safeInteger(where, 'seed', config.seed, d.seed),
    eventsPerSecond: positiveNumber(where, 'eventsPerSecond', config.eventsPerSecond),
    count: config.count === undefined ? undefined : integerAtLeast(where, 'count', config.count, 0, 0),
    rate,
    baseTime: safeInteger(where, 'baseTime', config.baseTime, d.baseTime),
    maxOutOfOrderMs: integerAtLeast(where, 'maxOutOfOrderMs', config.maxOutOfOrderMs, 0, d.maxOutOfOrderMs),
    hotAuctionRatio: integerAtLeast(where, 'hotAuctionRatio', config.hotAuctionRatio, 1, d.hotAuctionRatio),
    hotBidderRatio: integerAtLeast(where, 'hotBidderRatio', config.hotBidderRatio, 1, d.hotBidderRatio),
    hotSellerRatio: integerAtLeast(where, 'hotSellerRatio', config.hotSellerRatio, 1, d.hotSellerRatio),
    numActivePeople: integerAtLeast(where, 'numActivePeople', config.numActivePeople, 1, d.numActivePeople),
    numInFlightAuctions,
    avgAuctionLengthMs: positiveNumber(where, 'avgAuctionLengthMs', config.avgAuctionLengthMs)
      ?? defaultAuctionLengthMs(numInFlightAuctions, rate),
    extraBytes,
  };
}
