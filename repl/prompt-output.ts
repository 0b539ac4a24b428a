// Writing to the terminal while the prompt waits: what comes asynchronously (a view that finished, a job that
// failed) is printed above the prompt, and the prompt with what the user has typed so far is drawn again.
import type { REPLServer } from 'node:repl';

export function printAbovePrompt(server: REPLServer, text: string, busy: () => boolean): void {
  const out = server.output as NodeJS.WritableStream & { isTTY?: boolean };
  if (busy()) {
    out.write(text.endsWith('\n') ? text : text + '\n');
    return;
  }
  out.write((out.isTTY === true ? '\r\x1b[K' : '\n') + (text.endsWith('\n') ? text : text + '\n'));
  server.displayPrompt(true);
}
