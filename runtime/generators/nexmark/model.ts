// The Nexmark data model: an online auction site where people register (Person), open auctions (Auction)
// and bid on them (Bid). Ids and prices are integer JS numbers (prices in cents); every dateTime and
// `expires` is integer milliseconds since the epoch (event time).
//
// The mixed stream carries NexmarkEvent, a discriminated union on `kind` with exactly one payload:
//   { kind: 'person',  dateTime, person: Person,   auction: undefined, bid: undefined }
//   { kind: 'auction', dateTime, person: undefined, auction: Auction,  bid: undefined }
//   { kind: 'bid',     dateTime, person: undefined, auction: undefined, bid: Bid }
// `dateTime` repeats the payload's timestamp so time assignment need not look inside. At runtime all
// five keys are always present (the two other payloads hold undefined): every event has the same object
// shape, which keeps property access monomorphic. Narrow on `kind` (or test the payload for undefined).

export interface Person {
  readonly id: number;
  readonly name: string;
  readonly emailAddress: string;
  readonly creditCard: string;
  readonly city: string;
  readonly state: string;
  readonly dateTime: number;
  readonly extra: string;
}

export interface Auction {
  readonly id: number;
  readonly itemName: string;
  readonly description: string;
  readonly initialBid: number;
  readonly reserve: number;
  readonly dateTime: number;
  readonly expires: number;
  readonly seller: number;
  readonly category: number;
  readonly extra: string;
}

export interface Bid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
}

export type NexmarkEventKind = 'person' | 'auction' | 'bid';

export interface PersonEvent {
  readonly kind: 'person';
  readonly dateTime: number;
  readonly person: Person;
  readonly auction?: undefined;
  readonly bid?: undefined;
}

export interface AuctionEvent {
  readonly kind: 'auction';
  readonly dateTime: number;
  readonly person?: undefined;
  readonly auction: Auction;
  readonly bid?: undefined;
}

export interface BidEvent {
  readonly kind: 'bid';
  readonly dateTime: number;
  readonly person?: undefined;
  readonly auction?: undefined;
  readonly bid: Bid;
}

/** One event of the mixed stream: `kind` says which single payload is set. */
export type NexmarkEvent = PersonEvent | AuctionEvent | BidEvent;
