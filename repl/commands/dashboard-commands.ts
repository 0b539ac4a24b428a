// .view NAME [NAME...] opens the named views on the live dashboard; .dash opens every view.
import { RivuletError } from '../../runtime/index.ts';
import { viewsNamed, viewsOf } from '../environments.ts';
import type { ReplCommand } from './command.ts';

export const viewCommand: ReplCommand = {
  name: 'view',
  usage: '.view NAME [NAME ...]',
  help: 'open the named views on the live dashboard (q comes back; the pipeline keeps running)',
  async run(session, arg) {
    const names = arg.split(/[\s,]+/).filter((n) => n !== '');
    if (names.length === 0) throw new RivuletError('REPL_USAGE', { command: 'view', problem: 'name at least one view (.views lists them)', usage: this.usage });
    await session.dashboard(viewsNamed(session.scope, names));
  },
};

export const dashCommand: ReplCommand = {
  name: 'dash',
  usage: '.dash',
  help: 'open every view on the live dashboard',
  async run(session) {
    const views = viewsOf(session.scope);
    if (views.length === 0) throw new RivuletError('UNKNOWN_VIEW', { name: '(any)', known: [] });
    await session.dashboard(views);
  },
};
