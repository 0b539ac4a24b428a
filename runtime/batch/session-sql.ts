// Session windows in SQL with exactly the streaming engine's rules. Which sessions an element joins depends on
// the sessions still alive at its arrival (a session is cleared once the watermark passes its end - 1 +
// allowedLateness; a later element may then start a new, overlapping session), so the sessions are built
// by a recursive query that walks each key's elements in arrival order, all keys at once. Its state per key
// is the list of live sessions { s: start, e: end, m: member arrival numbers }; each step clears the
// expired sessions (kept as `closed`), merges the element with every live session it intersects or
// touches, or marks it late when it touches none and its own window [ts, ts + gap) is late.
import type { LogicalNode } from '../graph/node.ts';
import type { Compiler, Relation } from './compile.ts';

const SESSION = 'STRUCT(s DOUBLE, e DOUBLE, m BIGINT[])';

/** Adds the CTEs that assign elements to sessions; returns the name of the CTE of (__seq, __sid, __start, __end). */
export function sessionMembersCte(c: Compiler, node: LogicalNode, input: Relation, gap: number, lateness: number): { members: string; late: string } {
  const base = `n${node.id}`;
  const members = `${base}_members`;
  const late = `${base}_late`;
  if (c.ctes.some((x) => x.startsWith(`${members} AS`))) return { members, late };
  const keyed = input.keyed ? '__key' : '0';
  const elems = `${base}_elems`;
  const steps = `${base}_steps`;
  c.ctes.push(
    `${elems} AS (SELECT ${keyed} AS __k, __seq, __ts, __wm, row_number() OVER (PARTITION BY ${keyed} ORDER BY __seq) AS __rank FROM ${input.cte})`,
  );
  const merged =
    `[{'s': least(__ts, coalesce(list_min(list_transform(touch, lambda x: x.s)), __ts)), ` +
    `'e': greatest(__ts + ${gap}, coalesce(list_max(list_transform(touch, lambda x: x.e)), __ts + ${gap})), ` +
    `'m': list_concat(flatten(list_transform(touch, lambda x: x.m)), [__seq])}::${SESSION}]`;
  const step =
    `SELECT __k, __rank, CASE WHEN accepted THEN list_concat(list_filter(alive, lambda x: NOT (x.s <= __ts + ${gap} AND x.e >= __ts)), ${merged}) ELSE alive END, ` +
    `list_filter(live, lambda x: x.e - 1 + ${lateness} <= __wm), CASE WHEN accepted THEN NULL ELSE __seq END FROM (` +
    `SELECT *, len(touch) > 0 OR __ts + ${gap - 1 + lateness} > __wm AS accepted FROM (` +
    `SELECT *, list_filter(alive, lambda x: x.s <= __ts + ${gap} AND x.e >= __ts) AS touch FROM (` +
    `SELECT w.__k, e.__rank, e.__seq, e.__ts, e.__wm, w.live, list_filter(w.live, lambda x: x.e - 1 + ${lateness} > __wm) AS alive ` +
    `FROM walk w JOIN ${elems} e ON e.__k = w.__k AND e.__rank = w.__rank + 1)))`;
  c.ctes.push(
    `${steps} AS (SELECT * FROM (WITH RECURSIVE walk(__k, __rank, live, closed, late) AS (` +
      `SELECT DISTINCT __k, 0::BIGINT, []::${SESSION}[], []::${SESSION}[], NULL::BIGINT FROM ${elems} UNION ALL ${step}) SELECT * FROM walk))`,
  );
  const sessions =
    `SELECT __k, unnest(closed) AS sess FROM ${steps} ` +
    `UNION ALL SELECT __k, unnest(live) AS sess FROM ${steps} s WHERE __rank = (SELECT max(__rank) FROM ${elems} x WHERE x.__k = s.__k)`;
  c.ctes.push(
    `${members} AS (SELECT unnest(sess.m) AS __seq, sess.s AS __start, sess.e AS __end, list_min(sess.m) AS __sid FROM (${sessions}))`,
  );
  c.ctes.push(`${late} AS (SELECT late AS __seq FROM ${steps} WHERE late IS NOT NULL)`);
  return { members, late };
}
