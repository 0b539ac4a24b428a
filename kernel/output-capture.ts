// Sends what cells write to process.stdout and process.stderr (console.log included) to their cells as
// stream messages, through CellOutput. Writes outside any cell go where they always went.
import type { CellOutput } from './cell-output.ts';

type Write = typeof process.stdout.write;

/** Captures both streams; returns a function that puts the original writes back. */
export function captureOutput(output: CellOutput): () => void {
  const restoreOut = capture(process.stdout, 'stdout', output);
  const restoreErr = capture(process.stderr, 'stderr', output);
  return () => {
    restoreOut();
    restoreErr();
  };
}

function capture(stream: NodeJS.WriteStream, name: 'stdout' | 'stderr', output: CellOutput): () => void {
  const original = stream.write;
  const write = function (this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const cb = typeof encoding === 'function' ? encoding : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    if (output.stream(name, text)) {
      if (typeof cb === 'function') process.nextTick(cb as () => void);
      return true;
    }
    return (original as (...a: unknown[]) => boolean).call(stream, chunk, encoding, callback);
  };
  stream.write = write as Write;
  return () => {
    stream.write = original;
  };
}

/** The stream's write as it was before any capture (for the kernel's own log). */
export function originalWrite(stream: NodeJS.WriteStream): (text: string) => void {
  const w = stream.write.bind(stream);
  return (text) => void w(text);
}
