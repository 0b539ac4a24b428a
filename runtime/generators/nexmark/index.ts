// The Nexmark generators: `nexmark.events(config)` for the mixed stream of NexmarkEvent, and
// `nexmark.bids / auctions / persons(config)` for one kind of record each. Every one is a random-access
// Generator; index k of `bids` is the k-th bid of the mixed stream (46 bids in every 50 events, 3
// auctions, 1 person), so ids and timestamps agree with `events` for the same configuration.
// `count` counts the items of that generator. at(i) is defined for every non-negative integer i, also
// beyond `count`; `count` only tells a source where to stop.
import type { Generator } from '../generator.ts';
import type { Auction, Bid, NexmarkEvent, Person } from './model.ts';
import type { NexmarkConfig, ResolvedNexmarkConfig } from './config.ts';
import { resolveNexmarkConfig } from './config.ts';
import * as generate from './generate.ts';
import { RivuletError } from '../../errors/rivulet-error.ts';

// Module-local copies: under the TypeScript loaders (tsx, vitest) an imported binding is read through a
// getter on every use, which shows in a loop that runs millions of times a second.
const NexmarkEvents = generate.NexmarkEvents;
type NexmarkEvents = generate.NexmarkEvents;
const bidEventIndex = generate.bidEventIndex;
const auctionEventIndex = generate.auctionEventIndex;
const personEventIndex = generate.personEventIndex;

export type {
  Auction, AuctionEvent, Bid, BidEvent, NexmarkEvent, NexmarkEventKind, Person, PersonEvent,
} from './model.ts';
export type { NexmarkConfig, ResolvedNexmarkConfig } from './config.ts';
export { NEXMARK_DEFAULTS } from './config.ts';
export { eventKind, FIRST_AUCTION_ID, FIRST_PERSON_ID } from './generate.ts';

function badIndex(name: string, index: unknown): RivuletError {
  return new RivuletError('BAD_ARGUMENT', { where: `${name}.at()`, name: 'index', expected: 'an integer >= 0', got: index });
}

/** The shared shape of the four generators: the Generator fields plus the resolved configuration. */
abstract class NexmarkGenerator<T> implements Generator<T> {
  readonly name: string;
  readonly seed: number;
  declare readonly eventsPerSecond?: number;
  declare readonly count?: number;
  readonly config: ResolvedNexmarkConfig;
  protected readonly source: NexmarkEvents;

  constructor(name: string, config: NexmarkConfig | undefined) {
    const resolved = resolveNexmarkConfig(config, `${name}()`);
    this.name = name;
    this.seed = resolved.seed;
    if (resolved.eventsPerSecond !== undefined) (this as { eventsPerSecond?: number }).eventsPerSecond = resolved.eventsPerSecond;
    if (resolved.count !== undefined) (this as { count?: number }).count = resolved.count;
    this.config = resolved;
    this.source = new NexmarkEvents(resolved);
  }

  abstract at(index: number): T;

  protected check(index: number): void {
    if (!(index >= 0 && Number.isSafeInteger(index))) throw badIndex(this.name, index);
  }
}

class EventGenerator extends NexmarkGenerator<NexmarkEvent> {
  at(index: number): NexmarkEvent {
    this.check(index);
    return this.source.event(index);
  }
}

class BidGenerator extends NexmarkGenerator<Bid> {
  at(index: number): Bid {
    this.check(index);
    return this.source.bid(bidEventIndex(index));
  }
}

class AuctionGenerator extends NexmarkGenerator<Auction> {
  at(index: number): Auction {
    this.check(index);
    return this.source.auction(auctionEventIndex(index));
  }
}

class PersonGenerator extends NexmarkGenerator<Person> {
  at(index: number): Person {
    this.check(index);
    return this.source.person(personEventIndex(index));
  }
}

export const nexmark = {
  /** The mixed stream: persons, auctions and bids in the proportions 1 : 3 : 46. */
  events(config?: NexmarkConfig): Generator<NexmarkEvent> & { readonly config: ResolvedNexmarkConfig } {
    return new EventGenerator('nexmark.events', config);
  },
  /** The bids of the mixed stream only. */
  bids(config?: NexmarkConfig): Generator<Bid> & { readonly config: ResolvedNexmarkConfig } {
    return new BidGenerator('nexmark.bids', config);
  },
  /** The auctions of the mixed stream only. */
  auctions(config?: NexmarkConfig): Generator<Auction> & { readonly config: ResolvedNexmarkConfig } {
    return new AuctionGenerator('nexmark.auctions', config);
  },
  /** The persons of the mixed stream only. */
  persons(config?: NexmarkConfig): Generator<Person> & { readonly config: ResolvedNexmarkConfig } {
    return new PersonGenerator('nexmark.persons', config);
  },
};

/**
 * Writes gen.at(from), gen.at(from + 1), ... into out[0], out[1], ... : at most `n` items, and never past
 * gen.count. Returns how many were written; `out` is not truncated, so entries past that are stale.
 */
export function fillBatch<T>(gen: Generator<T>, from: number, n: number, out: T[]): number {
  const end = gen.count === undefined ? from + n : Math.min(from + n, gen.count);
  let written = 0;
  for (let i = from; i < end; i++) out[written++] = gen.at(i);
  return written;
}
