// .snapshot DIR writes a snapshot of the running job; .restore DIR makes the next run of env start from one.
import { RivuletError } from '../../runtime/index.ts';
import { mainEnvironment } from '../environments.ts';
import type { ReplCommand } from './command.ts';

function dirOf(command: string, usage: string, arg: string): string {
  const dir = arg.trim();
  if (dir === '') throw new RivuletError('REPL_USAGE', { command, problem: 'name a directory', usage });
  return dir;
}

export const snapshotCommand: ReplCommand = {
  name: 'snapshot',
  usage: '.snapshot DIR',
  help: 'snapshot the running job of env into DIR (a new directory)',
  async run(session, arg) {
    const dir = dirOf('snapshot', this.usage, arg);
    const info = await mainEnvironment(session.scope, '.snapshot').snapshot(dir);
    session.print(`snapshot written to ${dir}: ${JSON.stringify(info)}`);
  },
};

export const restoreCommand: ReplCommand = {
  name: 'restore',
  usage: '.restore DIR',
  help: 'make the next run of env (env.execute()) start from the snapshot in DIR',
  async run(session, arg) {
    const dir = dirOf('restore', this.usage, arg);
    const info = await mainEnvironment(session.scope, '.restore').restore(dir);
    session.print(`the next run of env starts from ${dir}: ${JSON.stringify(info)}. Start it with env.execute().`);
  },
};
