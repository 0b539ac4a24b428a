// A click stream for the recommendation case: users browse items in sessions (bursts of activity separated by
// quiet gaps, what session windows find), viewing most, clicking some, carting and buying a few; popular
// items get most of the attention (a power-law pick). Event i happens at baseTime + i * 1000 / rate plus a
// little jitter. Random access: event i is computed from (seed, i) alone — a user's sessions come from the
// time slot, so every event of a slot agrees on who is active.
import { SeededGenerator } from './seeded-generator.ts';
import type { Generator } from './generator.ts';
import { rngFor } from './random.ts';
import { checkIndex, pad, positive, resolveCommon, type CommonGeneratorOptions, type ResolvedCommon } from './generator-options.ts';

export type ClickAction = 'view' | 'click' | 'cart' | 'buy';

export interface Click {
  user: string;
  item: string;
  /** The user's session: user and the slot the session started in. */
  session: string;
  action: ClickAction;
  /** Event time (ms). */
  time: number;
}

export interface ClickOptions extends CommonGeneratorOptions {
  /** How many users (default 200) and items (default 400). */
  users?: number;
  items?: number;
  /** Events per second of event time (default 50). */
  rate?: number;
  /** Users active at once (default 12); a session lasts `sessionMs` (default 60 000), then a new set starts. */
  activeUsers?: number;
  sessionMs?: number;
}

interface Resolved extends ResolvedCommon {
  readonly users: number;
  readonly items: number;
  readonly rate: number;
  readonly activeUsers: number;
  readonly sessionMs: number;
}

const NAME = 'clicks';
const ACTIONS: readonly [number, ClickAction][] = [[0.7, 'view'], [0.9, 'click'], [0.97, 'cart'], [1, 'buy']];

class ClickGenerator extends SeededGenerator<Click, Resolved> {
  readonly name = NAME;

  at(index: number): Click {
    checkIndex(NAME, index);
    const r = this.r;
    const rng = rngFor(r.seed, index);
    const time = r.baseTime + Math.floor((index * 1000) / r.rate) + rng.int(200);
    const slot = Math.floor((time - r.baseTime) / r.sessionMs);
    // Who is active in this slot: a deterministic draw from (seed, slot), the same for every event of it.
    const who = rngFor(r.seed, slot, 1);
    const offset = who.int(r.users);
    const stride = 1 + 2 * who.int(Math.max(1, Math.floor(r.users / 2)));
    const pick = rng.int(r.activeUsers);
    const user = (offset + pick * stride) % r.users;
    const item = Math.floor(r.items * rng.next() ** 3);
    const u = rng.next();
    const action = (ACTIONS.find(([p]) => u < p) ?? ACTIONS[0]!)[1];
    return { user: `u${pad(user, 3)}`, item: `i${pad(item, 4)}`, session: `u${pad(user, 3)}-s${slot}`, action, time };
  }
}

/** A seeded click stream: users, items, sessions, actions. */
export function clicks(options?: ClickOptions): Generator<Click> {
  const c = resolveCommon(NAME, options);
  const o = options ?? {};
  const users = positive(NAME, 'users', o.users, 200, true);
  return new ClickGenerator({
    ...c,
    users,
    items: positive(NAME, 'items', o.items, 400, true),
    rate: positive(NAME, 'rate', o.rate, 50),
    activeUsers: Math.min(users, positive(NAME, 'activeUsers', o.activeUsers, 12, true)),
    sessionMs: positive(NAME, 'sessionMs', o.sessionMs, 60_000, true),
  });
}
