// A REPL dot-command: its name, one line of help, how to call it, and what it does with the rest of the line.
import type { ReplSession } from '../repl-session.ts';

export interface ReplCommand {
  readonly name: string;
  readonly usage: string;
  readonly help: string;
  run(session: ReplSession, arg: string): void | Promise<void>;
}
