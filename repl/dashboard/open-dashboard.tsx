// Opens the live dashboard over the REPL: switches to the terminal's alternate screen, hands the keys to Ink
// (readline's keypress listeners are set aside meanwhile), and resolves when the user presses q, leaving
// the pipeline running and the screen as it was before.
import { render } from 'ink';
import type { View } from '../../runtime/index.ts';
import type { PlaybackControls } from '../playback/playback-controls.ts';
import { Dashboard } from './dashboard.tsx';
import { KeyStdin } from './key-stdin.ts';

export interface OpenDashboardOptions {
  readonly views: readonly View<unknown>[];
  readonly controls: PlaybackControls;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WriteStream;
  readonly title?: string;
  readonly refreshMs?: number;
}

type KeyListener = (s: string | undefined, key: { sequence?: string } | undefined) => void;

export async function openDashboard(opts: OpenDashboardOptions): Promise<void> {
  const { input, output } = opts;
  const saved = input.listeners('keypress') as KeyListener[];
  for (const l of saved) input.removeListener('keypress', l);
  const keys = new KeyStdin();
  const forward: KeyListener = (s, key) => {
    const seq = key?.sequence ?? s;
    if (seq !== undefined) keys.write(seq);
  };
  input.on('keypress', forward);
  output.write('\x1b[?1049h\x1b[H\x1b[2J');
  let quit: () => void = () => {};
  const quitted = new Promise<void>((resolve) => (quit = resolve));
  const app = render(
    <Dashboard views={opts.views} controls={opts.controls} onQuit={() => quit()} {...(opts.title !== undefined ? { title: opts.title } : {})} {...(opts.refreshMs !== undefined ? { refreshMs: opts.refreshMs } : {})} />,
    { stdin: keys as unknown as NodeJS.ReadStream, stdout: output, exitOnCtrlC: false, patchConsole: true },
  );
  try {
    await quitted;
  } finally {
    app.unmount();
    await app.waitUntilExit().catch(() => undefined);
    input.removeListener('keypress', forward);
    for (const l of saved) input.on('keypress', l);
    output.write('\x1b[?1049l');
  }
}
