// Measures what a second, different addSink function in the same process costs q0 (the FunctionSink's call
// site sees two functions and V8 stops inlining the sink): q0's CPU time per run over the same bids, first
// with one sink function alive, then after another job with another sink function has run.
//   node --expose-gc --import tsx bench/sink-polymorphism.ts [events]
import { StreamEnvironment, type Bid } from '../runtime/index.ts';
import { generateInput } from './local.ts';
import { median } from './measure.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const bids = generateInput('bids', 7, n).input as Bid[];

async function cpuPerRun(env: StreamEnvironment, runs: number): Promise<number> {
  const cpu: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const c0 = process.cpuUsage();
    await env.execute('q0');
    const c = process.cpuUsage(c0);
    if (i >= 2) cpu.push((c.user + c.system) / 1000);
  }
  return median(cpu);
}

let sumA = 0;
let sumB = 0;
const a = new StreamEnvironment({ stdout: () => {} });
a.fromArray(bids).addSink((b) => void (sumA += b.price));
const one = await cpuPerRun(a, 7);
const b = new StreamEnvironment({ stdout: () => {} });
b.fromArray(bids).addSink((x) => void (sumB += x.bidder));
await cpuPerRun(b, 3);
const two = await cpuPerRun(a, 7);
const rate = (ms: number): string => `${((n / ms) * 1000 / 1e6).toFixed(2)}M events per CPU-s`;
console.log(`q0 one sink function: ${one.toFixed(1)} ms CPU per run (${rate(one)})`);
console.log(`q0 after a second sink function ran: ${two.toFixed(1)} ms CPU per run (${rate(two)}), ${(((two - one) / one) * 100).toFixed(0)}% more`);
void sumA;
void sumB;
