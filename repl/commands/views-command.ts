// .views: every live view with its status, rows, events in and how to open it.
import { viewsOf } from '../environments.ts';
import type { ReplCommand } from './command.ts';

const COUNT = new Intl.NumberFormat('en-US');

export const viewsCommand: ReplCommand = {
  name: 'views',
  usage: '.views',
  help: 'list the live views (open one with .view NAME, all with .dash)',
  run(session) {
    const views = viewsOf(session.scope);
    if (views.length === 0) {
      session.print('No views yet. Make one with stream.view({ name: "hot" }) and run the job (env.execute()).');
      return;
    }
    for (const v of views) {
      const p = v.progress();
      session.print(`${v.name.padEnd(16)} ${p.status.padEnd(9)} ${COUNT.format(p.rows)} rows · ${COUNT.format(p.eventsIn)} events in`);
    }
  },
};
