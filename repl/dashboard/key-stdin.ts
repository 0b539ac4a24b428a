// The stdin the dashboard's Ink app reads: keys forwarded from the REPL's terminal. The REPL keeps the real
// stdin (in raw mode, with readline's keypress decoding); while a dashboard is open its keypresses go here
// instead of to readline, and Ink never touches the terminal's mode, so the prompt comes back intact.
import { PassThrough } from 'node:stream';

export class KeyStdin extends PassThrough {
  readonly isTTY = true;

  setRawMode(_on: boolean): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }
}
