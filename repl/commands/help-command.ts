// .help: the commands, the dashboard's keys and what Ctrl-C does.
import type { ReplCommand } from './command.ts';

export function helpText(commands: readonly ReplCommand[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length), '.exit'.length);
  return [
    'Type TypeScript: top-level const/let/function/class persist, await works, import works (also from "rivulet").',
    'An unfinished line (an open bracket, a dangling operator) continues on the next one.',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.help}`),
    `  ${'.exit'.padEnd(width)}  leave (so do Ctrl-D and Ctrl-C twice on an empty line)`,
    '',
    'Dashboard keys: space pause/resume · → step (replay) · + / − speed (replay) · q back to the prompt',
    'Ctrl-C: stops running streams first, then clears the line, then (twice on an empty line) exits.',
    'Tab completes names and members (env.<Tab>).',
  ].join('\n');
}

export function helpCommand(all: () => readonly ReplCommand[]): ReplCommand {
  return {
    name: 'help',
    usage: '.help',
    help: 'this help',
    run(session) {
      session.print(helpText(all()));
    },
  };
}
