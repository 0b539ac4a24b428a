// The Nexmark generation rules (after Apache Beam's and the Flink community's generators), computed from
// the event index alone so that any event can be produced directly (random access):
// - kind by index % 50: 0 person, 1..3 auction, 4..49 bid;
// - person and auction ids count from 1000 and follow from the index (the latest person id is 1000 plus
//   the number of persons before it), so references only ever name persons and auctions that already
//   exist (unlike Beam, which also picks a few ids just ahead of the latest);
// - hot keys: with probability 1 - 1/ratio a bid goes to the hot auction (the latest auction id rounded
//   down to a multiple of the ratio) and comes from the hot bidder; the same for an auction's seller;
//   otherwise a random recent one (the last numInFlightAuctions auctions / numActivePeople people);
// - prices round(10^(r*6) * 100) cents; reserve = initial bid + another price; category 10 + int(5);
// - event time baseTime + floor(index * 1000 / rate), lowered by up to maxOutOfOrderMs when asked.
// Strings come from precomputed tables and slices of a fixed random text, so the bid path allocates only
// the Bid object itself.
import type { Auction, Bid, NexmarkEvent, NexmarkEventKind, Person } from './model.ts';
import type { ResolvedNexmarkConfig } from './config.ts';
import * as proportions from './config.ts';
import { Rng } from '../random.ts';

// Module-local copies: under the TypeScript loaders (tsx, vitest) an imported binding is a getter call,
// which costs more than the arithmetic around it on the hot path.
const PERSON_PROPORTION = proportions.PERSON_PROPORTION;
const AUCTION_PROPORTION = proportions.AUCTION_PROPORTION;
const BID_PROPORTION = proportions.BID_PROPORTION;
const PROPORTION_DENOMINATOR = proportions.PROPORTION_DENOMINATOR;

export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;
export const NUM_CATEGORIES = 5;

const FIRST_NAMES = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'];
const LAST_NAMES = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'];
const US_CITIES = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'];
const US_STATES = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'];
const FULL_NAMES = FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => `${first} ${last}`));
const HOT_CHANNELS = ['Google', 'Facebook', 'Baidu', 'Apple'];
/** A bid comes through a hot channel with probability 1 - 1/HOT_CHANNEL_RATIO, else channel-0..9999. */
const HOT_CHANNEL_RATIO = 100;
const NUM_CHANNELS = 10_000;

/** Independent random streams per index: the payload, the out-of-order delay, the per-channel URL. */
const STREAM_PAYLOAD = 0;
const STREAM_DELAY = 1;
const STREAM_CHANNEL = 2;
const STREAM_HOT_URL = 3;

// ---- Index arithmetic ------------------------------------------------------------------------------

/** The kind of event number `index`. */
export function eventKind(index: number): NexmarkEventKind {
  const r = index % PROPORTION_DENOMINATOR;
  return r < PERSON_PROPORTION ? 'person' : r < PERSON_PROPORTION + AUCTION_PROPORTION ? 'auction' : 'bid';
}

/** 0-based number of the latest person generated at or before event `index`. */
export function lastBase0PersonId(index: number): number {
  return Math.floor(index / PROPORTION_DENOMINATOR) * PERSON_PROPORTION; // the person comes first in each block
}

/** 0-based number of the latest auction generated at or before event `index` (-1 before the first). */
export function lastBase0AuctionId(index: number): number {
  const epoch = Math.floor(index / PROPORTION_DENOMINATOR);
  const offset = index % PROPORTION_DENOMINATOR - PERSON_PROPORTION;
  if (offset < 0) return epoch * AUCTION_PROPORTION - 1; // a person: the last auction of the previous block
  return epoch * AUCTION_PROPORTION + Math.min(offset, AUCTION_PROPORTION - 1);
}

/** Event index of the k-th person (0-based). */
export function personEventIndex(k: number): number {
  return Math.floor(k / PERSON_PROPORTION) * PROPORTION_DENOMINATOR + (k % PERSON_PROPORTION);
}

/** Event index of the k-th auction (0-based). */
export function auctionEventIndex(k: number): number {
  return Math.floor(k / AUCTION_PROPORTION) * PROPORTION_DENOMINATOR + PERSON_PROPORTION + (k % AUCTION_PROPORTION);
}

/** Event index of the k-th bid (0-based). */
export function bidEventIndex(k: number): number {
  return Math.floor(k / BID_PROPORTION) * PROPORTION_DENOMINATOR + PERSON_PROPORTION + AUCTION_PROPORTION + (k % BID_PROPORTION);
}

// ---- Random choices --------------------------------------------------------------------------------

/** The hot id among 0..last: `last` rounded down to a multiple of `ratio`. */
export function hotId(last: number, ratio: number): number {
  return Math.floor(last / ratio) * ratio;
}

/** A uniform random id among the `window` most recent ones, 0..last. */
export function recentId(last: number, window: number, rng: Rng): number {
  const min = Math.max(last - window + 1, 0);
  return min + rng.int(last - min + 1);
}

const SIX_LN10 = 6 * Math.LN10;

/** A log-uniform price in cents, in [100, 10^8]: round(10^(r * 6) * 100), computed as an exp (faster than pow). */
export function nextPrice(rng: Rng): number {
  return Math.round(Math.exp(rng.next() * SIX_LN10) * 100);
}

/** Reverses the 32 bits of n (Java's Integer.reverse), as the reference generator does for channel ids. */
function reverseBits32(n: number): number {
  let x = n | 0;
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return ((x >>> 16) | (x << 16)) | 0;
}

// ---- Text tables -----------------------------------------------------------------------------------

const TEXT_LENGTH = 1 << 16;
const MIN_STRING_LENGTH = 3;
let prose: string | undefined; // lowercase letters with a single space about every 13 characters
let letters: string | undefined; // lowercase letters only
let digits4: string[] | undefined; // "0000" .. "9999"

function buildText(withSpaces: boolean): string {
  const rng = new Rng(0x4e45584d, withSpaces ? 1 : 2, 0); // a fixed text, independent of the seed
  const chars = new Array<string>(TEXT_LENGTH);
  let previousSpace = true;
  for (let i = 0; i < TEXT_LENGTH; i++) {
    const space: boolean = withSpaces && !previousSpace && rng.int(13) === 0;
    chars[i] = space ? ' ' : String.fromCharCode(97 + rng.int(26));
    previousSpace = space;
  }
  return chars.join('');
}

function proseText(): string {
  return (prose ??= buildText(true));
}

function letterText(): string {
  return (letters ??= buildText(false));
}

function fourDigits(n: number): string {
  digits4 ??= Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
  return digits4[n] ?? '0000';
}

/** Random words, MIN_STRING_LENGTH..maxLength-1 characters before trimming (as Beam's nextString). */
function randomProse(rng: Rng, maxLength: number): string {
  const text = proseText();
  const length = MIN_STRING_LENGTH + rng.int(maxLength - MIN_STRING_LENGTH);
  const start = rng.int(TEXT_LENGTH - maxLength);
  const s = text.slice(start, start + length);
  return s.charCodeAt(0) === 32 || s.charCodeAt(length - 1) === 32 ? s.trim() : s;
}

/** A random lowercase word of MIN_STRING_LENGTH..maxLength-1 letters. */
function randomWord(rng: Rng, maxLength: number): string {
  const length = MIN_STRING_LENGTH + rng.int(maxLength - MIN_STRING_LENGTH);
  const start = rng.int(TEXT_LENGTH - maxLength);
  return letterText().slice(start, start + length);
}

function randomEmail(rng: Rng): string {
  return `${randomWord(rng, 7)}@${randomWord(rng, 5)}.com`;
}

function randomCreditCard(rng: Rng): string {
  return `${fourDigits(rng.int(10_000))} ${fourDigits(rng.int(10_000))} ${fourDigits(rng.int(10_000))} ${fourDigits(rng.int(10_000))}`;
}

function randomBaseUrl(rng: Rng): string {
  return `https://www.nexmark.com/${randomWord(rng, 5)}/${randomWord(rng, 5)}/${randomWord(rng, 5)}/item.htm?query=1`;
}

function pick(list: readonly string[], rng: Rng): string {
  return list[rng.int(list.length)] ?? '';
}

// ---- Records -----------------------------------------------------------------------------------------

/**
 * Produces the events of one configuration. Holds only immutable configuration, caches of derived strings
 * (which depend on the seed alone) and one reusable Rng, so every method is a pure function of its index.
 */
export class NexmarkEvents {
  private readonly rng = new Rng();
  private readonly seed: number;
  private readonly hotUrls: readonly string[];
  private readonly channelNames: string[] = new Array<string>(NUM_CHANNELS).fill('');
  private readonly channelUrls: string[] = new Array<string>(NUM_CHANNELS).fill('');
  private readonly padText: string;
  private readonly pads: (string | undefined)[];

  constructor(readonly config: ResolvedNexmarkConfig) {
    this.seed = config.seed;
    this.hotUrls = HOT_CHANNELS.map((_, i) => randomBaseUrl(this.rng.reset(this.seed, i, STREAM_HOT_URL)));
    const alphabet = letterText();
    this.padText = alphabet.repeat(Math.ceil(config.extraBytes / TEXT_LENGTH)).slice(0, config.extraBytes);
    this.pads = new Array<string | undefined>(config.extraBytes + 1).fill(undefined);
  }

  /** Event time of event `index`, including its out-of-order delay. Uses (and clobbers) the Rng. */
  timeOf(index: number): number {
    const c = this.config;
    const nominal = c.baseTime + Math.floor((index * 1000) / c.rate);
    if (c.maxOutOfOrderMs === 0) return nominal;
    return nominal - this.rng.reset(this.seed, index, STREAM_DELAY).int(c.maxOutOfOrderMs + 1);
  }

  /** The event at `index`, wrapped with its kind. */
  event(index: number): NexmarkEvent {
    const kind = eventKind(index);
    if (kind === 'bid') {
      const bid = this.bid(index);
      return { kind, dateTime: bid.dateTime, person: undefined, auction: undefined, bid };
    }
    if (kind === 'auction') {
      const auction = this.auction(index);
      return { kind, dateTime: auction.dateTime, person: undefined, auction, bid: undefined };
    }
    const person = this.person(index);
    return { kind, dateTime: person.dateTime, person, auction: undefined, bid: undefined };
  }

  /** The person of event `index` (which must be a person event). */
  person(index: number): Person {
    const dateTime = this.timeOf(index);
    const rng = this.rng.reset(this.seed, index, STREAM_PAYLOAD);
    const name = pick(FULL_NAMES, rng);
    const emailAddress = randomEmail(rng);
    const creditCard = randomCreditCard(rng);
    const city = pick(US_CITIES, rng);
    const state = pick(US_STATES, rng);
    const size = 16 + name.length + emailAddress.length + creditCard.length + city.length + state.length;
    const id = FIRST_PERSON_ID + lastBase0PersonId(index);
    return { id, name, emailAddress, creditCard, city, state, dateTime, extra: this.padFrom(size) };
  }

  /** The auction of event `index` (which must be an auction event). */
  auction(index: number): Auction {
    const c = this.config;
    const dateTime = this.timeOf(index);
    const rng = this.rng.reset(this.seed, index, STREAM_PAYLOAD);
    const lastPerson = lastBase0PersonId(index);
    const seller = FIRST_PERSON_ID + (rng.int(c.hotSellerRatio) > 0
      ? hotId(lastPerson, c.hotSellerRatio)
      : recentId(lastPerson, c.numActivePeople, rng));
    const category = FIRST_CATEGORY_ID + rng.int(NUM_CATEGORIES);
    const initialBid = nextPrice(rng);
    const expires = dateTime + this.auctionLength(rng);
    const itemName = randomProse(rng, 20);
    const description = randomProse(rng, 100);
    const reserve = initialBid + nextPrice(rng);
    const extra = this.padFrom(56 + itemName.length + description.length);
    const id = FIRST_AUCTION_ID + lastBase0AuctionId(index);
    return { id, itemName, description, initialBid, reserve, dateTime, expires, seller, category, extra };
  }

  /** The bid of event `index` (which must be a bid event). */
  bid(index: number): Bid {
    const c = this.config;
    const dateTime = this.timeOf(index);
    const rng = this.rng.reset(this.seed, index, STREAM_PAYLOAD);
    const lastAuction = lastBase0AuctionId(index);
    const auction = FIRST_AUCTION_ID + (rng.int(c.hotAuctionRatio) > 0
      ? hotId(lastAuction, c.hotAuctionRatio)
      : recentId(lastAuction, c.numInFlightAuctions, rng));
    const lastPerson = lastBase0PersonId(index);
    const bidder = FIRST_PERSON_ID + (rng.int(c.hotBidderRatio) > 0
      // the second person of the hot batch, so the hot bidder differs from the hot seller when it can
      ? Math.min(hotId(lastPerson, c.hotBidderRatio) + 1, lastPerson)
      : recentId(lastPerson, c.numActivePeople, rng));
    const price = nextPrice(rng);
    let channel: string;
    let url: string;
    if (rng.int(HOT_CHANNEL_RATIO) > 0) {
      const hot = rng.int(HOT_CHANNELS.length);
      channel = HOT_CHANNELS[hot] ?? '';
      url = this.hotUrls[hot] ?? '';
    } else {
      const n = rng.int(NUM_CHANNELS);
      channel = this.channelName(n);
      url = this.channelUrls[n] ?? '';
    }
    const extra = this.padFrom(32 + channel.length + url.length);
    return { auction, bidder, price, channel, url, dateTime, extra };
  }

  /** Auction length in ms: uniform in 1..2*avgAuctionLengthMs, so its mean is about the average. */
  private auctionLength(rng: Rng): number {
    return 1 + rng.int(Math.max(Math.round(2 * this.config.avgAuctionLengthMs), 1));
  }

  /** Name of channel n, filling the name and URL caches on first use (the URL depends on seed and n). */
  private channelName(n: number): string {
    const cached = this.channelNames[n];
    if (cached !== undefined && cached !== '') return cached;
    const rng = new Rng(this.seed, n, STREAM_CHANNEL);
    this.channelUrls[n] = `${randomBaseUrl(rng)}&channel_id=${Math.abs(reverseBits32(n))}`;
    const name = `channel-${n}`;
    this.channelNames[n] = name;
    return name;
  }

  /** Padding that brings a record of about `size` bytes up to extraBytes (empty when already there). */
  private padFrom(size: number): string {
    const n = this.config.extraBytes - size;
    if (n <= 0) return '';
    return (this.pads[n] ??= this.padText.slice(0, n));
  }
}
