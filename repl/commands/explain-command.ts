// .explain [stream]: the plan of a stream (any expression, e.g. `.explain hot`), or of every sink of the
// environment when no stream is named.
import { RivuletError } from '../../runtime/index.ts';
import { formatError } from '../format-error.ts';
import { mainEnvironment } from '../environments.ts';
import type { ReplCommand } from './command.ts';

export const explainCommand: ReplCommand = {
  name: 'explain',
  usage: '.explain [STREAM]',
  help: 'show the plan of a stream, or of every sink of env',
  async run(session, arg) {
    const expr = arg.trim();
    if (expr === '') {
      session.print(mainEnvironment(session.scope, '.explain').explain());
      return;
    }
    let value: unknown;
    try {
      value = (await session.evaluator.evaluate(`(${expr})`)).value;
    } catch (e) {
      session.print(formatError(e, `(${expr})`));
      return;
    }
    const explain = (value as { explain?: unknown } | null)?.explain;
    if (typeof explain !== 'function') {
      throw new RivuletError('REPL_USAGE', { command: 'explain', problem: `${expr} is not a stream or an environment`, usage: this.usage });
    }
    session.print(String((explain as () => unknown).call(value)));
  },
};
