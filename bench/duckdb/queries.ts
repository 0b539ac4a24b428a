// The windowed queries (q4, q5, q7, q8) as DuckDB SQL over the same events, giving the same rows as the
// runtime and the loops (the bench checks their checksums): windows are time buckets of the event time,
// a sliding window is each bid repeated for the five windows it belongs to, and q4's changelog is a
// running average over the closed auctions in closing order (expiry, then auction id).
import type { SqlBaseline } from './database.ts';
import type { Q4Row } from '../queries/q4.ts';
import type { HotItem } from '../queries/q5.ts';
import type { Q7Row } from '../queries/q7.ts';
import type { Q8Row } from '../queries/q8.ts';

type Columns = unknown[][];
const num = (c: Columns, j: number, i: number): number => (c[j] as number[])[i] as number;
const count = (c: Columns): number => (c[0] ?? []).length;

export const q4Sql: SqlBaseline<Q4Row> = {
  sql: `
    WITH winners AS (
      SELECT A.id, A.category, A.expires, max(B.price) AS final
      FROM auction A JOIN bid B ON B.auction = A.id AND B.dateTime BETWEEN A.dateTime AND A.expires
      GROUP BY A.id, A.category, A.expires)
    SELECT category, CAST(row_number() OVER w AS DOUBLE), avg(final) OVER w
    FROM winners
    WINDOW w AS (PARTITION BY category ORDER BY expires, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`,
  rows: (c, emit) => {
    for (let i = 0; i < count(c); i++) emit({ key: num(c, 0, i), auctions: num(c, 1, i), avg: num(c, 2, i) });
  },
};

export const q5Sql: SqlBaseline<HotItem> = {
  sql: `
    WITH windows AS (
      SELECT auction, unnest(range(CAST(dateTime - dateTime % 2000 - 8000 AS BIGINT), CAST(dateTime - dateTime % 2000 + 1 AS BIGINT), 2000)) AS ws
      FROM bid),
    counts AS (SELECT ws, auction, count(*) AS n FROM windows GROUP BY ws, auction),
    tops AS (SELECT ws, max(n) AS n FROM counts GROUP BY ws)
    SELECT CAST(c.ws AS DOUBLE), c.auction, CAST(c.n AS DOUBLE) FROM counts c JOIN tops t ON c.ws = t.ws AND c.n = t.n`,
  rows: (c, emit) => {
    for (let i = 0; i < count(c); i++) {
      const ws = num(c, 0, i);
      emit({ windowStart: ws, windowEnd: ws + 10_000, auction: num(c, 1, i), bids: num(c, 2, i) });
    }
  },
};

export const q7Sql: SqlBaseline<Q7Row> = {
  sql: `
    WITH tops AS (SELECT dateTime - dateTime % 10000 AS ws, max(price) AS price FROM bid GROUP BY ws)
    SELECT t.ws, b.auction, b.bidder, b.price, b.dateTime
    FROM bid b JOIN tops t ON b.dateTime - b.dateTime % 10000 = t.ws AND b.price = t.price`,
  rows: (c, emit) => {
    for (let i = 0; i < count(c); i++) {
      const ws = num(c, 0, i);
      emit({ windowStart: ws, windowEnd: ws + 10_000, auction: num(c, 1, i), bidder: num(c, 2, i), price: num(c, 3, i), dateTime: num(c, 4, i) });
    }
  },
};

export const q8Sql: SqlBaseline<Q8Row> = {
  sql: `
    SELECT P.id, P.name, P.ws
    FROM (SELECT id, name, dateTime - dateTime % 10000 AS ws FROM person) P
    JOIN (SELECT DISTINCT seller, dateTime - dateTime % 10000 AS ws FROM auction) A ON P.id = A.seller AND P.ws = A.ws`,
  rows: (c, emit) => {
    for (let i = 0; i < count(c); i++) emit({ id: num(c, 0, i), name: (c[1] as string[])[i] as string, windowStart: num(c, 2, i) });
  },
};
