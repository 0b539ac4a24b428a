// A trades stream for the financial risk case: accounts buy and sell a handful of symbols. A symbol's price
// follows a smooth deterministic path (a few slow waves around its base price) plus noise, so windows show
// trends without any sequential state; a few accounts trade far more than the rest and now and then place a
// very large order (what a risk rule should flag). Event i happens at baseTime + i * 1000 / rate plus jitter.
import { SeededGenerator } from './seeded-generator.ts';
import type { Generator } from './generator.ts';
import { rngFor } from './random.ts';
import { checkIndex, pad, positive, resolveCommon, type CommonGeneratorOptions, type ResolvedCommon } from './generator-options.ts';

export interface Trade {
  symbol: string;
  price: number;
  qty: number;
  side: 'buy' | 'sell';
  account: string;
  /** Event time (ms). */
  time: number;
}

export interface TradeOptions extends CommonGeneratorOptions {
  /** Events per second of event time (default 20). */
  rate?: number;
  /** How many accounts (default 40). */
  accounts?: number;
}

interface Resolved extends ResolvedCommon {
  readonly rate: number;
  readonly accounts: number;
}

const NAME = 'trades';
const SYMBOLS: readonly [string, number][] = [['ACME', 120], ['GLOBX', 45], ['INIT', 310], ['NOVA', 18], ['ZEN', 77]];

class TradeGenerator extends SeededGenerator<Trade, Resolved> {
  readonly name = NAME;

  at(index: number): Trade {
    checkIndex(NAME, index);
    const r = this.r;
    const rng = rngFor(r.seed, index);
    const time = r.baseTime + Math.floor((index * 1000) / r.rate) + rng.int(300);
    const [symbol, base] = SYMBOLS[Math.floor(SYMBOLS.length * rng.next() ** 1.5)] ?? SYMBOLS[0]!;
    const s = (time - r.baseTime) / 1000;
    const wave = 0.04 * Math.sin(s / 40 + base) + 0.02 * Math.sin(s / 7 + base * 3);
    const price = Math.round(base * (1 + wave + 0.004 * (rng.next() - 0.5)) * 100) / 100;
    // A few busy accounts (a power-law pick); a busy account sometimes places a very large order.
    const account = Math.floor(r.accounts * rng.next() ** 2.5);
    const large = account < 3 && rng.next() < 0.05;
    const qty = large ? 1000 + 100 * rng.int(40) : 1 + rng.int(100);
    return { symbol, price, qty, side: rng.next() < 0.5 ? 'buy' : 'sell', account: `acct-${pad(account, 2)}`, time };
  }
}

/** A seeded trades stream: symbol, price, qty, side, account. */
export function trades(options?: TradeOptions): Generator<Trade> {
  const c = resolveCommon(NAME, options);
  const o = options ?? {};
  return new TradeGenerator({ ...c, rate: positive(NAME, 'rate', o.rate, 20), accounts: positive(NAME, 'accounts', o.accounts, 40, true) });
}
