// The DuckDB side of the bench: an in-memory database on one thread (SET threads = 1, the same single core
// as every other case), the pre-generated events loaded with the appender (timed on its own: the ingest),
// and a query run as SQL whose result columns are read back and handed to the query's consumer row by row.
// Numbers travel as DOUBLE (every Nexmark number is an integer below 2^53, so exactly), which spares a
// BigInt per value on the way in and out; strings only where a query reads them (person names and states).
import { DuckDBInstance, type DuckDBConnection, type DuckDBAppender } from '@duckdb/node-api';
import type { Bid, NexmarkEvent } from '../../runtime/index.ts';
import type { InputKind } from '../queries/query.ts';

export interface SqlBaseline<Row> {
  /** The SQL, over the tables `bid` (bids input) or `person`, `auction`, `bid` (events input). */
  readonly sql: string;
  /** Turns the result's columns (numbers as JS numbers, strings as strings) into rows for the consumer. */
  readonly rows: (columns: unknown[][], emit: (row: Row) => void) => void;
}

export interface LoadedDatabase {
  readonly connection: DuckDBConnection;
  /** Time to load the input with the appender, ms. */
  readonly ingestMs: number;
  close(): void;
}

const BID_TABLE = 'CREATE TABLE bid (auction DOUBLE, bidder DOUBLE, price DOUBLE, dateTime DOUBLE)';
const PERSON_TABLE = 'CREATE TABLE person (id DOUBLE, name VARCHAR, state VARCHAR, dateTime DOUBLE)';
const AUCTION_TABLE = 'CREATE TABLE auction (id DOUBLE, seller DOUBLE, category DOUBLE, dateTime DOUBLE, expires DOUBLE)';

function appendBid(ap: DuckDBAppender, b: Bid): void {
  ap.appendDouble(b.auction);
  ap.appendDouble(b.bidder);
  ap.appendDouble(b.price);
  ap.appendDouble(b.dateTime);
  ap.endRow();
}

/** A fresh database holding `input`: the bids, or the persons, auctions and bids of the mixed stream. */
export async function loadDatabase(kind: InputKind, input: readonly unknown[]): Promise<LoadedDatabase> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  await connection.run(BID_TABLE);
  if (kind === 'events') {
    await connection.run(PERSON_TABLE);
    await connection.run(AUCTION_TABLE);
  }
  const t0 = performance.now();
  const bids = await connection.createAppender('bid');
  if (kind === 'bids') {
    for (const b of input as readonly Bid[]) appendBid(bids, b);
  } else {
    const persons = await connection.createAppender('person');
    const auctions = await connection.createAppender('auction');
    for (const e of input as readonly NexmarkEvent[]) {
      if (e.bid !== undefined) appendBid(bids, e.bid);
      else if (e.person !== undefined) {
        const p = e.person;
        persons.appendDouble(p.id);
        persons.appendVarchar(p.name);
        persons.appendVarchar(p.state);
        persons.appendDouble(p.dateTime);
        persons.endRow();
      } else {
        const a = e.auction;
        auctions.appendDouble(a.id);
        auctions.appendDouble(a.seller);
        auctions.appendDouble(a.category);
        auctions.appendDouble(a.dateTime);
        auctions.appendDouble(a.expires);
        auctions.endRow();
      }
    }
    persons.closeSync();
    auctions.closeSync();
  }
  bids.closeSync();
  const ingestMs = performance.now() - t0;
  return {
    connection,
    ingestMs,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs the baseline's SQL and hands every result row to `emit`. */
export async function runSql<Row>(db: LoadedDatabase, q: SqlBaseline<Row>, emit: (row: Row) => void): Promise<void> {
  const reader = await db.connection.runAndReadAll(q.sql);
  q.rows(reader.getColumnsJS() as unknown[][], emit);
}
