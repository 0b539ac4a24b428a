// `rivulet repl [--demo] [--rate N] [--parallelism N]`: the TypeScript REPL on the Rivulet runtime; with
// --demo (what `npm start` runs) it opens on the live Nexmark demo with its dashboard on screen.
import { parseArgs } from 'node:util';
import { startRepl } from '../../repl/start-repl.ts';
import { startDemo, DEMO_BANNER } from '../../repl/demo/demo-pipeline.ts';
import { Windows, agg, nexmark, StreamEnvironment } from '../../runtime/index.ts';

export async function replCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean', default: false },
      rate: { type: 'string', default: '3000' },
      parallelism: { type: 'string', default: '2' },
    },
  });
  const rate = Number(values.rate);
  const parallelism = Number(values.parallelism);
  if (!(rate > 0) || !Number.isInteger(parallelism) || parallelism < 1) {
    process.stderr.write('rivulet repl: --rate must be a positive number and --parallelism a positive integer.\n');
    return 2;
  }
  // The REPL first, so that its display target is in place before the demo's views show anything.
  const repl = startRepl({
    context: { StreamEnvironment, Windows, agg, nexmark },
    banner: values.demo ? DEMO_BANNER : 'Rivulet REPL: TypeScript on the Rivulet runtime. .help lists the commands.',
  });
  if (values.demo) {
    const demo = startDemo({ rate, parallelism });
    Object.assign(repl.session.scope, demo.scope);
    if (process.stdout.isTTY === true) {
      void repl.session.dashboard(demo.env.views(), 'Rivulet demo — Nexmark').then(() => repl.server.displayPrompt());
    }
  }
  await repl.closed;
  return 0;
}
