// Summarises V8 CPU profiles (.cpuprofile) into where the time goes: the functions with the most self time,
// and self time per source file. Make profiles of the timed samples of each case with
//   npx tsx bench/run.ts --quick --profile prof [--query q5] [--mode "runtime, array"]
// or of whole processes (start-up and generation included) with
//   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/run.ts --quick
// then: npx tsx bench/profile-summary.ts prof/*.cpuprofile [--top 25]
// Add --no-turbo-inlining to the node flags to split the time of functions V8 would otherwise inline into
// their callers (it changes the speed, not the shape of the work).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function shortUrl(url: string): string {
  const i = url.indexOf('/work/main/');
  const path = i >= 0 ? url.slice(i + '/work/main/'.length) : url.replace(/^file:\/\//, '');
  return path.replace(/\?.*$/, '');
}

function summarise(file: string, top: number): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] as number;
    const dt = p.timeDeltas[i + 1] ?? 0; // the time until the next sample is this sample's
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const f = (byId.get(id) as ProfileNode).callFrame;
    if (f.functionName === '(idle)') continue;
    total += us;
    // tsx emits each module on one line, so only Node's own modules have useful line numbers.
    const where = f.url === '' ? '' : f.url.startsWith('node:') ? `${f.url}:${f.lineNumber + 1}` : shortUrl(f.url);
    const name = `${f.functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
    const fileKey = f.url === '' ? f.functionName : shortUrl(f.url);
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const pct = (us: number): string => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`${basename(file)}: ${(total / 1000).toFixed(0)} ms busy`, '  functions by self time:'];
  for (const [name, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(us)}  ${name}`);
  lines.push('  files by self time:');
  for (const [name, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(top / 2))) lines.push(`  ${pct(us)}  ${name}`);
  return lines.join('\n');
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const files = args.filter((a, i) => a.endsWith('.cpuprofile') && i !== topAt + 1);
if (files.length === 0) {
  console.error('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile... [--top N]');
  process.exitCode = 1;
}
for (const f of files) console.log(summarise(f, top) + '\n');
