import { describe, expect, it } from 'vitest';
import { fillBatch, nexmark } from '../../../runtime/generators/nexmark/index.ts';
import type { Auction, Bid, NexmarkEvent, Person } from '../../../runtime/generators/nexmark/index.ts';
import type { NexmarkConfig } from '../../../runtime/generators/nexmark/config.ts';
import { RivuletError } from '../../../runtime/errors/rivulet-error.ts';

function take<T>(gen: { at(i: number): T }, n: number, from = 0): T[] {
  return Array.from({ length: n }, (_, i) => gen.at(from + i));
}

function split(events: readonly NexmarkEvent[]): { persons: Person[]; auctions: Auction[]; bids: Bid[] } {
  const persons: Person[] = [];
  const auctions: Auction[] = [];
  const bids: Bid[] = [];
  for (const e of events) {
    if (e.kind === 'person') persons.push(e.person);
    else if (e.kind === 'auction') auctions.push(e.auction);
    else bids.push(e.bid);
  }
  return { persons, auctions, bids };
}

const N = 10_000;
const events = take(nexmark.events(), N);

describe('nexmark determinism', () => {
  it('gives equal events for the same seed and configuration', () => {
    const config: NexmarkConfig = { seed: 5, maxOutOfOrderMs: 20, extraBytes: 100 };
    expect(take(nexmark.events(config), 2000)).toEqual(take(nexmark.events(config), 2000));
  });

  it('gives different events for a different seed', () => {
    const a = take(nexmark.events({ seed: 1 }), 200);
    const b = take(nexmark.events({ seed: 2 }), 200);
    expect(a).not.toEqual(b);
    const differing = a.filter((e, i) => JSON.stringify(e) !== JSON.stringify(b[i])).length;
    expect(differing).toBeGreaterThan(150);
  });

  it('gives the same event by random access as by sequential reading', () => {
    const sequential = take(nexmark.events({ seed: 3, maxOutOfOrderMs: 5 }), 3000);
    const gen = nexmark.events({ seed: 3, maxOutOfOrderMs: 5 });
    const order = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3000); // a permutation of 0..2999
    for (const i of order) expect(gen.at(i)).toEqual(sequential[i]);
    expect(gen.at(10_000_000)).toEqual(nexmark.events({ seed: 3, maxOutOfOrderMs: 5 }).at(10_000_000));
  });

  it('keeps the payloads unchanged when only the disorder bound changes', () => {
    const ordered = take(nexmark.bids(), 500);
    const disordered = take(nexmark.bids({ maxOutOfOrderMs: 100 }), 500);
    expect(disordered.map(({ dateTime: _, ...rest }) => rest)).toEqual(ordered.map(({ dateTime: _, ...rest }) => rest));
  });
});

describe('nexmark event kinds and ids', () => {
  it('assigns kinds by index % 50, exactly 1 : 3 : 46 over 10 000 events', () => {
    const { persons, auctions, bids } = split(events);
    expect([persons.length, auctions.length, bids.length]).toEqual([200, 600, 9200]);
    events.forEach((e, i) => {
      const r = i % 50;
      expect(e.kind).toBe(r === 0 ? 'person' : r <= 3 ? 'auction' : 'bid');
    });
  });

  it('carries exactly one payload per event, whose dateTime the event repeats', () => {
    for (const e of events) {
      const payloads = [e.person, e.auction, e.bid].filter((p) => p !== undefined);
      expect(payloads).toHaveLength(1);
      expect(e.dateTime).toBe(payloads[0]?.dateTime);
    }
  });

  it('numbers persons and auctions consecutively from 1000', () => {
    const { persons, auctions } = split(events);
    expect(persons.map((p) => p.id)).toEqual(persons.map((_, k) => 1000 + k));
    expect(auctions.map((a) => a.id)).toEqual(auctions.map((_, k) => 1000 + k));
  });

  it('refers only to persons and auctions that already exist', () => {
    let latestPerson = -1;
    let latestAuction = -1;
    for (const e of take(nexmark.events({ seed: 9, hotAuctionRatio: 3, hotBidderRatio: 3, hotSellerRatio: 3 }), 20_000)) {
      if (e.kind === 'person') latestPerson = e.person.id;
      else if (e.kind === 'auction') {
        latestAuction = e.auction.id;
        expect(e.auction.seller).toBeGreaterThanOrEqual(1000);
        expect(e.auction.seller).toBeLessThanOrEqual(latestPerson);
      } else {
        expect(e.bid.auction).toBeGreaterThanOrEqual(1000);
        expect(e.bid.auction).toBeLessThanOrEqual(latestAuction);
        expect(e.bid.bidder).toBeGreaterThanOrEqual(1000);
        expect(e.bid.bidder).toBeLessThanOrEqual(latestPerson);
      }
    }
  });

  it('picks non-hot auctions among the last numInFlightAuctions and non-hot bidders among the active people', () => {
    let latestPerson = -1;
    let latestAuction = -1;
    const config = { hotAuctionRatio: 1, hotBidderRatio: 1, numInFlightAuctions: 10, numActivePeople: 20 };
    for (const e of take(nexmark.events(config), 20_000)) {
      if (e.kind === 'person') latestPerson = e.person.id;
      else if (e.kind === 'auction') latestAuction = e.auction.id;
      else {
        expect(e.bid.auction).toBeGreaterThan(latestAuction - 10);
        expect(e.bid.bidder).toBeGreaterThan(latestPerson - 20);
      }
    }
  });

  it('sends about 99% of bids to the hot auction', () => {
    const bids = take(nexmark.bids(), 20_000);
    const hot = bids.filter((b) => b.auction % 100 === 0).length / bids.length;
    expect(hot).toBeGreaterThan(0.97);
    expect(hot).toBeLessThan(0.999);
  });

  it('follows hotAuctionRatio for the share of hot bids', () => {
    const bids = take(nexmark.bids({ hotAuctionRatio: 2 }), 20_000, 10_000);
    const hot = bids.filter((b) => b.auction % 2 === 0).length / bids.length;
    expect(hot).toBeGreaterThan(0.7); // 1/2 hot plus about half of the random others
    expect(hot).toBeLessThan(0.8);
  });
});

describe('nexmark values', () => {
  const { persons, auctions, bids } = split(events);

  it('keeps prices within [100, 10^8] cents and reserves above initial bids', () => {
    for (const b of bids) {
      expect(Number.isInteger(b.price)).toBe(true);
      expect(b.price).toBeGreaterThanOrEqual(100);
      expect(b.price).toBeLessThanOrEqual(1e8);
    }
    for (const a of auctions) {
      expect(a.initialBid).toBeGreaterThanOrEqual(100);
      expect(a.reserve).toBeGreaterThan(a.initialBid);
    }
  });

  it('spreads prices log-uniformly', () => {
    const belowTenDollars = bids.filter((b) => b.price < 1000).length / bids.length;
    expect(belowTenDollars).toBeGreaterThan(0.13); // 1/6 of the decades
    expect(belowTenDollars).toBeLessThan(0.2);
  });

  it('uses the five categories 10..14', () => {
    const categories = new Set(auctions.map((a) => a.category));
    expect([...categories].sort()).toEqual([10, 11, 12, 13, 14]);
  });

  it('opens auctions for about avgAuctionLengthMs, which keeps about numInFlightAuctions open', () => {
    const config = nexmark.events().config;
    expect(config.avgAuctionLengthMs).toBeCloseTo((100 * 50) / 3 / 10, 6); // 1666.7 events at 10 000 events/s
    const lengths = auctions.map((a) => a.expires - a.dateTime);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1);
    const mean = lengths.reduce((s, x) => s + x, 0) / lengths.length;
    expect(Math.abs(mean - config.avgAuctionLengthMs) / config.avgAuctionLengthMs).toBeLessThan(0.1);
    const t = events[8000]?.dateTime ?? 0;
    const open = auctions.filter((a) => a.dateTime <= t && a.expires > t).length;
    expect(open).toBeGreaterThan(60);
    expect(open).toBeLessThan(140);
  });

  it('draws names, cities, states, emails and credit cards of the expected forms', () => {
    for (const p of persons) {
      expect(p.name).toMatch(/^(Peter|Paul|Luke|John|Saul|Vicky|Kate|Julie|Sarah|Deiter|Walter) (Shultz|Abrams|Spencer|White|Bartels|Walton|Smith|Jones|Noris)$/);
      expect(['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne']).toContain(p.city);
      expect(['AZ', 'CA', 'ID', 'OR', 'WA', 'WY']).toContain(p.state);
      expect(p.emailAddress).toMatch(/^[a-z]{3,6}@[a-z]{3,4}\.com$/);
      expect(p.creditCard).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(p.extra).toBe('');
    }
    for (const a of auctions) {
      expect(a.itemName.length).toBeGreaterThan(0);
      expect(a.itemName).toBe(a.itemName.trim());
      expect(a.description.length).toBeLessThan(100);
    }
  });

  it('sends bids through the four hot channels mostly, with a URL per channel', () => {
    const hot = bids.filter((b) => ['Google', 'Facebook', 'Baidu', 'Apple'].includes(b.channel)).length;
    expect(hot / bids.length).toBeGreaterThan(0.97);
    for (const b of bids) {
      expect(b.channel).toMatch(/^(Google|Facebook|Baidu|Apple|channel-\d+)$/);
      expect(b.url).toMatch(/^https:\/\/www\.nexmark\.com\/[a-z]+\/[a-z]+\/[a-z]+\/item\.htm\?query=1/);
    }
  });

  it('pads extra so records reach extraBytes', () => {
    const bid = nexmark.bids({ extraBytes: 300 }).at(17);
    expect(bid.extra.length).toBe(300 - 32 - bid.channel.length - bid.url.length);
    const auction = nexmark.auctions({ extraBytes: 300 }).at(5);
    expect(auction.extra.length).toBe(Math.max(0, 300 - 56 - auction.itemName.length - auction.description.length));
    expect(nexmark.bids({ extraBytes: 10 }).at(0).extra).toBe('');
  });
});

describe('nexmark event time', () => {
  it('advances timestamps by 1000 / rate ms per event from baseTime, never backwards when in order', () => {
    events.forEach((e, i) => expect(e.dateTime).toBe(Date.UTC(2026, 0, 1) + Math.floor(i / 10)));
    const slow = take(nexmark.events({ rate: 3, baseTime: 0 }), 10);
    expect(slow.map((e) => e.dateTime)).toEqual([0, 333, 666, 1000, 1333, 1666, 2000, 2333, 2666, 3000]);
  });

  it('puts events out of order within maxOutOfOrderMs when asked', () => {
    const bound = 50;
    const disordered = take(nexmark.events({ maxOutOfOrderMs: bound }), N);
    let maxSoFar = -Infinity;
    let inversions = 0;
    disordered.forEach((e, i) => {
      const nominal = events[i]?.dateTime ?? 0;
      expect(e.dateTime).toBeLessThanOrEqual(nominal);
      expect(e.dateTime).toBeGreaterThanOrEqual(nominal - bound);
      expect(e.dateTime).toBeGreaterThanOrEqual(maxSoFar - bound);
      if (e.dateTime < maxSoFar) inversions++;
      maxSoFar = Math.max(maxSoFar, e.dateTime);
    });
    expect(inversions).toBeGreaterThan(N / 2);
  });

  it('starts auctions before they expire even when out of order', () => {
    for (const a of take(nexmark.auctions({ maxOutOfOrderMs: 500 }), 1000)) expect(a.expires).toBeGreaterThan(a.dateTime);
  });
});

describe('nexmark per-kind generators', () => {
  it('gives as bids().at(k) the k-th bid of events(), and likewise for auctions and persons', () => {
    const config = { seed: 11, maxOutOfOrderMs: 30 };
    const { persons, auctions, bids } = split(take(nexmark.events(config), N));
    expect(take(nexmark.bids(config), bids.length)).toEqual(bids);
    expect(take(nexmark.auctions(config), auctions.length)).toEqual(auctions);
    expect(take(nexmark.persons(config), persons.length)).toEqual(persons);
  });

  it('describes itself as a Generator: name, seed, pacing and count', () => {
    const bids = nexmark.bids({ seed: 4, count: 1000, eventsPerSecond: 500 });
    expect(bids.name).toBe('nexmark.bids');
    expect(bids.seed).toBe(4);
    expect(bids.count).toBe(1000);
    expect(bids.eventsPerSecond).toBe(500);
    const unbounded = nexmark.events();
    expect(unbounded.name).toBe('nexmark.events');
    expect(unbounded.seed).toBe(0);
    expect('count' in unbounded).toBe(false);
    expect('eventsPerSecond' in unbounded).toBe(false);
    expect(nexmark.auctions().name).toBe('nexmark.auctions');
    expect(nexmark.persons().name).toBe('nexmark.persons');
  });

  it('fills a batch with consecutive items and stops at count', () => {
    const gen = nexmark.bids({ count: 10 });
    const out: Bid[] = [];
    expect(fillBatch(gen, 0, 4, out)).toBe(4);
    expect(out).toEqual(take(gen, 4));
    expect(fillBatch(gen, 8, 4, out)).toBe(2);
    expect(out.slice(0, 2)).toEqual(take(gen, 2, 8));
    expect(fillBatch(nexmark.bids(), 100, 3, out)).toBe(3);
  });
});

describe('nexmark configuration errors', () => {
  const cases: [string, unknown][] = [
    ['seed', 1.5], ['eventsPerSecond', 0], ['count', -1], ['count', 2.5], ['rate', Number.NaN], ['rate', -10],
    ['baseTime', 'now'], ['maxOutOfOrderMs', -1], ['hotAuctionRatio', 0], ['hotBidderRatio', 1.5],
    ['hotSellerRatio', null], ['numActivePeople', 0], ['numInFlightAuctions', Infinity],
    ['avgAuctionLengthMs', 0], ['extraBytes', -5], ['extraBytes', 2 ** 30],
  ];

  it.each(cases)('rejects %s = %s with BAD_ARGUMENT naming the option', (name, value) => {
    const config = { [name]: value } as NexmarkConfig;
    let error: unknown;
    try {
      nexmark.bids(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RivuletError);
    expect((error as RivuletError).code).toBe('BAD_ARGUMENT');
    expect((error as RivuletError).message).toContain('nexmark.bids()');
    expect((error as RivuletError).message).toContain(name);
  });

  it('rejects an unknown option and lists the known ones', () => {
    expect(() => nexmark.events({ eventsPerSec: 5 } as NexmarkConfig)).toThrow(/eventsPerSec.*Known options: seed/);
  });

  it('rejects a negative or fractional index', () => {
    const gen = nexmark.bids();
    expect(() => gen.at(-1)).toThrow(RivuletError);
    expect(() => gen.at(0.5)).toThrow(/index must be an integer >= 0/);
  });

  it('accepts explicit undefined options as the defaults', () => {
    expect(nexmark.bids({ seed: undefined, count: undefined }).at(3)).toEqual(nexmark.bids().at(3));
  });
});
