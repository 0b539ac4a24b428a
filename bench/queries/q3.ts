// Nexmark q3, local item suggestion: persons in Oregon, Idaho or California joined with the auctions of
// category 10 they sell (auction.seller = person.id); each pair as { name, city, state, id }. An incremental
// (regular) join with unbounded state, as Flink SQL's inner join: a person is kept for every later auction,
// and an auction that arrives before its seller (or whose seller never qualifies) is kept in case one does.
//
// How it is expressed: one filter keeps the persons and auctions that can match, keyBy(person id | seller)
// puts a person and their auctions in one key, and a keyed process function (Flink's CoProcessFunction
// habit over a union) holds the person in value state and the waiting auctions in list state.
import type { KeyedProcessFunction, ValueState, ListState } from '../../runtime/index.ts';
import type { Auction, DataStream, NexmarkEvent, Person } from '../../runtime/index.ts';
import { mix, type Tally } from '../tally.ts';
import type { BenchQuery } from './query.ts';

export interface Q3Row {
  readonly name: string;
  readonly city: string;
  readonly state: string;
  readonly id: number;
}

export const Q3_CATEGORY = 10;

/** Whether a person's state is one of OR, ID, CA (the same test everywhere). */
export function q3Person(p: Person): boolean {
  const s = p.state;
  return s === 'OR' || s === 'ID' || s === 'CA';
}

/** Whether an event can take part in the join: a person of OR/ID/CA or an auction of category 10. */
export function q3Relevant(e: NexmarkEvent): boolean {
  if (e.person !== undefined) return q3Person(e.person);
  return e.auction !== undefined && e.auction.category === Q3_CATEGORY;
}

export function q3Row(p: Person, a: Auction): Q3Row {
  return { name: p.name, city: p.city, state: p.state, id: a.id };
}

export function hashQ3(r: Q3Row): number {
  return mix(mix(mix(mix(3, r.id), r.name.length), r.city.length), r.state.charCodeAt(0) * 256 + r.state.charCodeAt(1));
}

interface Q3Join extends KeyedProcessFunction<number, NexmarkEvent, Q3Row> {
  person: ValueState<Person> | null;
  waiting: ListState<Auction> | null;
}

const join: Q3Join = {
  person: null,
  waiting: null,
  open(ctx) {
    this.person = ctx.state.value<Person>('person');
    this.waiting = ctx.state.list<Auction>('waiting auctions');
  },
  processElement(e, _ctx, out) {
    const person = this.person as ValueState<Person>;
    const waiting = this.waiting as ListState<Auction>;
    if (e.person !== undefined) {
      person.update(e.person);
      const early = waiting.get();
      if (early.length > 0) {
        for (const a of early) out.collect(q3Row(e.person, a));
        waiting.clear();
      }
      return;
    }
    const a = e.auction as Auction;
    const p = person.value();
    if (p !== undefined) out.collect(q3Row(p, a));
    else waiting.add(a);
  },
};

export const q3: BenchQuery<NexmarkEvent, Q3Row> = {
  id: 'q3',
  title: 'local item suggestion',
  input: 'events',
  plan: 'events → filter(person in OR/ID/CA | auction of category 10) → keyBy(person id | seller) → process (join state) → sink',
  pipeline: (events: DataStream<NexmarkEvent>) =>
    events
      .filter(q3Relevant)
      .keyBy((e) => (e.person !== undefined ? e.person.id : (e.auction as Auction).seller))
      .process<Q3Row>(join),
  consumer: (tally: Tally) => (row: Q3Row) => tally.add(hashQ3(row)),
};
