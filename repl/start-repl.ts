// The Rivulet REPL: node:repl whose eval runs each input through the cell evaluator (TypeScript, persistent
// top-level names, top-level await, imports), asks for more lines while the input is unfinished, keeps its
// history in ~/.rivulet_history (or $RIVULET_HISTORY), completes names and members on Tab, and adds the
// dot-commands (commands/). Live views show through the REPL's display target; Ctrl-C follows interrupt.ts.
import { start, Recoverable, type REPLServer } from 'node:repl';
import { setDisplayTarget } from '../runtime/index.ts';
import { runningJobs } from '../runtime/session/job-registry.ts';
import { ReplSession } from './repl-session.ts';
import { completeLine } from './completer.ts';
import { historyPath } from './history-file.ts';
import { InterruptPolicy } from './interrupt.ts';
import { ReplDisplayTarget } from './repl-display-target.ts';
import { registerCommands, replCommands } from './commands/register-commands.ts';
import { stopAllJobs } from './commands/stop-command.ts';
import { viewsOf } from './environments.ts';
import { LineQueue } from './line-queue.ts';

export interface StartReplOptions {
  /** Names every input sees from the start. */
  readonly context?: Record<string, unknown>;
  readonly input?: NodeJS.ReadStream;
  readonly output?: NodeJS.WriteStream;
  readonly prompt?: string;
  /** Printed before the first prompt. */
  readonly banner?: string;
}

export interface StartedRepl {
  readonly server: REPLServer;
  readonly session: ReplSession;
  /** Resolves once the REPL has closed and every job it left running was stopped. */
  readonly closed: Promise<void>;
}

export function startRepl(opts: StartReplOptions = {}): StartedRepl {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const colors = output.isTTY === true && process.env.NO_COLOR === undefined;
  const session = new ReplSession({ input, output, colors, ...(opts.context ? { context: opts.context } : {}) });
  const commands = replCommands();
  if (opts.banner !== undefined) output.write(opts.banner + '\n');
  let pending = false;
  const server = start({
    prompt: opts.prompt ?? 'rivulet> ',
    input,
    output,
    terminal: output.isTTY === true,
    useColors: colors,
    ignoreUndefined: true,
    preview: false,
    eval: (cmd, _context, _file, callback) => {
      const code = cmd.replace(/\n$/, '');
      if (code.trim() === '') return callback(null, undefined);
      if (session.evaluator.isComplete(code) === 'incomplete') {
        pending = true;
        return callback(new Recoverable(new SyntaxError('unfinished input')), undefined);
      }
      pending = false;
      void session.run(code).then((r) => {
        if (r.text !== null) output.write(r.text + '\n');
        callback(null, undefined);
        lines.drain();
      });
    },
    completer: (line: string, cb: (err: Error | null, result: [string[], string]) => void) => {
      try {
        cb(null, completeLine({ evaluator: session.evaluator, commands: () => Object.keys(server.commands), viewNames: () => viewsOf(session.scope).map((v) => v.name) }, line));
      } catch {
        cb(null, [[], line]);
      }
    },
  });
  session.server = server;
  const lines = new LineQueue(server, () => session.busy);
  registerCommands(server, session, commands, () => lines.drain());
  setDisplayTarget(new ReplDisplayTarget({ print: (t) => session.print(t), dashboardOpen: () => session.dashboardOpen }));
  const history = historyPath();
  if (history !== null) server.setupHistory(history, () => {});
  installInterrupt(server, session, () => pending, () => {
    pending = false;
    lines.clear();
  });
  const closed = new Promise<void>((resolve) => {
    server.on('exit', () => {
      // Leave the terminal on a fresh line, so the shell's prompt does not follow ours.
      if (output.isTTY === true) output.write('\n');
      setDisplayTarget(null);
      void stopAllJobs().then(() => resolve());
    });
  });
  return { server, session, closed };
}

function installInterrupt(server: REPLServer, session: ReplSession, pending: () => boolean, clearPending: () => void): void {
  const policy = new InterruptPolicy();
  const rl = server as unknown as { line: string; clearLine(): void };
  server.removeAllListeners('SIGINT');
  server.on('SIGINT', () => {
    const action = policy.next({ runningJobs: runningJobs().length, lineEmpty: rl.line.length === 0 && !pending() });
    if (action === 'stop-streams') {
      void stopAllJobs().then((n) => session.print(`Stopped ${n} running stream ${n === 1 ? 'job' : 'jobs'} (Ctrl-C again clears the line, twice more exits).`));
      return;
    }
    if (action === 'exit') return server.close();
    rl.clearLine();
    server.clearBufferedCommand();
    clearPending();
    if (action === 'warn-exit') server.output.write('(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n');
    server.displayPrompt();
  });
  session.input.on('keypress', (_s: unknown, key: { ctrl?: boolean; name?: string } | undefined) => {
    if (!(key?.ctrl === true && key.name === 'c')) policy.reset();
  });
}
