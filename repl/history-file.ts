// Where the REPL keeps its history: ~/.rivulet_history, or the file named by RIVULET_HISTORY (tests point it
// into a temporary directory; an empty value turns history off).
import { homedir } from 'node:os';
import { join } from 'node:path';

export function historyPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const custom = env.RIVULET_HISTORY;
  if (custom !== undefined) return custom.trim() === '' ? null : custom;
  return join(homedir(), '.rivulet_history');
}
