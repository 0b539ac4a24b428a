// One input at a time: node:repl hands each line to eval as soon as it arrives, even while the previous
// input still runs (an await), which garbles pasted multi-line text. This holds lines back while the session
// is busy and feeds them to node:repl's own line handler, in order, once it is idle again. Keys (Ctrl-C)
// are not lines, so they still reach the REPL while an input runs.
import type { REPLServer } from 'node:repl';

export class LineQueue {
  private readonly waiting: string[] = [];
  private readonly handlers: ((line: string) => void)[];

  constructor(
    private readonly server: REPLServer,
    private readonly busy: () => boolean,
  ) {
    this.handlers = server.listeners('line') as ((line: string) => void)[];
    server.removeAllListeners('line');
    server.on('line', (line: string) => {
      if (this.busy() || this.waiting.length > 0) this.waiting.push(line);
      else this.feed(line);
    });
  }

  /** The session became idle: feed waiting lines until one makes it busy again. */
  drain(): void {
    while (this.waiting.length > 0 && !this.busy()) this.feed(this.waiting.shift() as string);
  }

  /** Forgets the lines not run yet (Ctrl-C on a line). */
  clear(): void {
    this.waiting.length = 0;
  }

  private feed(line: string): void {
    for (const h of this.handlers) h.call(this.server, line);
  }
}
