// The subcommands of `rivulet`: repl (and npm start's demo in it), the plain-text demo, and the Jupyter kernel.
import { readFileSync } from 'node:fs';

const HELP = `rivulet — a streaming-dataflow lab for TypeScript

Usage:
  rivulet repl [--demo] [--rate N] [--parallelism N]       the TypeScript REPL; --demo opens it on the live
                                                           Nexmark demo with its dashboard (npm start)
  rivulet demo [--seconds N] [--rate N] [--parallelism N]   the Nexmark demo as a redrawn text table
  rivulet kernel install [--user | --prefix P | --sys-prefix]   install the Jupyter kernel (uninstall: remove it)
  rivulet --version
  rivulet --help
`;

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(pkg.version + '\n');
    return 0;
  }
  if (command === 'repl') {
    await (await import('../repl/dashboard/ink-for-terminal.ts')).loadInkForTerminal();
    return (await import('./commands/repl-command.ts')).replCommand(rest);
  }
  if (command === 'demo') {
    process.argv = [process.argv[0] as string, 'demo', ...rest];
    await import('../demo/nexmark-demo.ts');
    return 0;
  }
  if (command === 'kernel') return (await import('./commands/kernel-command.ts')).kernelCommand(rest);
  process.stderr.write(`rivulet: unknown command "${command}".\n\n${HELP}`);
  return 2;
}
