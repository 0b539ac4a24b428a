// Measures how a micro-batch should cross threads: structured clone of plain arrays (rows + number[] columns)
// versus rows cloned with the event-time/watermark/op columns as transferred typed-array buffers, versus rows as
// columns too (batch-wire.ts, what the executor uses).
// Each variant posts batches of Nexmark bids (seed 7) through a MessageChannel and decodes them on arrival.
// Run: node --import tsx bench/threads/batch-transfer.ts
import { MessageChannel } from 'node:worker_threads';
import { toWire, fromWire, type WireBatch } from '../../runtime/exec/threads/batch-wire.ts';
import { batchOf, type Batch } from '../../runtime/exec/batch.ts';
import { nexmark } from '../../runtime/index.ts';

const bids = nexmark.bids({ seed: 7 });

const BATCH = 1024;
const ROUNDS = 400;

function makeBatch(seed: number, withOps: boolean): Batch {
  const rows: unknown[] = [];
  const ts: number[] = [];
  const wm: number[] = [];
  for (let i = 0; i < BATCH; i++) {
    const t = seed * BATCH + i;
    const bid = bids.at(t);
    rows.push(bid);
    ts.push(bid.dateTime);
    wm.push(bid.dateTime - 100);
  }
  const ops = withOps ? rows.map((_, i) => (i % 3 === 0 ? '+I' : i % 3 === 1 ? '-U' : '+U') as '+I') : null;
  return batchOf(rows, BATCH * seed, ts, wm, ops);
}

type Port = { postMessage(m: unknown, transfer?: ArrayBuffer[]): void };

async function run(name: string, send: (port: Port, b: Batch) => void, receive: (m: unknown) => Batch, withOps: boolean, quiet = false): Promise<number> {
  const { port1, port2 } = new MessageChannel();
  const batches = Array.from({ length: ROUNDS }, (_, i) => makeBatch(i, withOps));
  let got = 0;
  let rows = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    port2.on('message', (m) => {
      rows += receive(m).rows.length;
      if (++got === ROUNDS) resolve();
    });
    for (const b of batches) send(port1, b);
  });
  const ms = performance.now() - start;
  port1.close();
  port2.close();
  const perS = (rows / ms) * 1000;
  if (!quiet) console.log(`${name.padEnd(50)} ${(perS / 1e6).toFixed(2)} M rows/s (${ms.toFixed(0)} ms for ${rows} rows)`);
  return perS;
}

const plain = (port: Port, b: Batch): void => port.postMessage(b);
/** Typed columns for ts/wm/ops, rows structured-cloned. */
const typedOnly = (port: Port, b: Batch): void => {
  const { wire, transfer } = toWire({ ...b, rows: [] });
  port.postMessage({ ...wire, rows: { kind: 'clone', rows: b.rows } }, transfer);
};
const columnar = (port: Port, b: Batch): void => {
  const { wire, transfer } = toWire(b);
  port.postMessage(wire, transfer);
};

const REPS = 5;
const variants: [string, (port: Port, b: Batch) => void, (m: unknown) => Batch][] = [
  ['structured clone, plain arrays', plain, (m) => m as Batch],
  ['rows cloned, ts/wm/ops transferred', typedOnly, (m) => fromWire(m as WireBatch)],
  ['rows as columns, all transferred (chosen)', columnar, (m) => fromWire(m as WireBatch)],
];
for (const withOps of [false, true]) {
  const suffix = withOps ? ' (+ ops column)' : '';
  const results = new Map<string, number[]>();
  for (let rep = 0; rep < REPS; rep++) {
    for (const [name, send, receive] of variants) {
      const perS = await run(`${name}${suffix}`, send, receive, withOps, true);
      results.set(name, [...(results.get(name) ?? []), perS]);
    }
  }
  for (const [name, xs] of results) {
    const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    console.log(`${(name + suffix).padEnd(58)} median ${(median / 1e6).toFixed(2)} M rows/s over ${REPS} runs`);
  }
}
