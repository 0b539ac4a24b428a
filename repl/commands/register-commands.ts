// Puts the Rivulet dot-commands on a node:repl server: each runs through the session, prints a clear message
// instead of throwing, and gives the prompt back when done.
import type { REPLServer } from 'node:repl';
import type { ReplSession } from '../repl-session.ts';
import { formatError } from '../format-error.ts';
import type { ReplCommand } from './command.ts';
import { helpCommand } from './help-command.ts';
import { viewsCommand } from './views-command.ts';
import { dashCommand, viewCommand } from './dashboard-commands.ts';
import { explainCommand } from './explain-command.ts';
import { restoreCommand, snapshotCommand } from './snapshot-commands.ts';
import { stopCommand } from './stop-command.ts';
import { loadCommand } from './load-command.ts';

export function replCommands(): ReplCommand[] {
  const list: ReplCommand[] = [];
  list.push(helpCommand(() => list), viewsCommand, viewCommand, dashCommand, explainCommand, snapshotCommand, restoreCommand, stopCommand, loadCommand);
  return list;
}

/** Runs a command by name with its argument text; errors are printed, never thrown. */
export async function runCommand(session: ReplSession, command: ReplCommand, arg: string): Promise<void> {
  session.busy = true;
  try {
    await command.run(session, arg);
  } catch (e) {
    session.print(formatError(e));
  } finally {
    session.busy = false;
  }
}

export function registerCommands(server: REPLServer, session: ReplSession, commands: readonly ReplCommand[], idle: () => void): void {
  for (const c of commands) {
    server.defineCommand(c.name, {
      help: c.help,
      action(arg: string) {
        void runCommand(session, c, arg).then(() => {
          server.displayPrompt();
          idle();
        });
      },
    });
  }
}
