// .load FILE.ts: runs a TypeScript file as one input (its top-level names stay defined), as if typed.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { RivuletError } from '../../runtime/index.ts';
import type { ReplCommand } from './command.ts';

export const loadCommand: ReplCommand = {
  name: 'load',
  usage: '.load FILE.ts',
  help: 'run a TypeScript file as if typed here (its names stay defined)',
  async run(session, arg) {
    const file = arg.trim();
    if (file === '') throw new RivuletError('REPL_USAGE', { command: 'load', problem: 'name a file', usage: this.usage });
    const path = resolve(session.evaluator.cwd, file);
    let code: string;
    try {
      code = await readFile(path, 'utf8');
    } catch (e) {
      throw new RivuletError('FILE_NOT_FOUND', { where: '.load', path, problem: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : String((e as Error).message) });
    }
    const r = await session.run(code);
    if (r.text !== null) session.print(r.text);
  },
};
