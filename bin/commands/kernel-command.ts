// `rivulet kernel ...`: run the Jupyter kernel (`--connection-file F`, what Jupyter starts), or install and
// uninstall its kernelspec (`install [--user | --prefix P | --sys-prefix]`, `uninstall [same]`).
import { startKernel } from '../../kernel/start-kernel.ts';
import { installKernelspec, uninstallKernelspec, type SpecLocation } from '../../kernel/kernelspec.ts';

const USAGE = `Usage:
  rivulet kernel install [--user | --prefix DIR | --sys-prefix]   install the Jupyter kernelspec "rivulet" (default --user)
  rivulet kernel uninstall [--user | --prefix DIR | --sys-prefix] remove it
  rivulet kernel --connection-file FILE                           run the kernel (Jupyter does this)
`;

export async function kernelCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'install' || sub === 'uninstall') {
    const location = parseLocation(rest);
    if (typeof location === 'string') return usage(location);
    if (sub === 'install') {
      process.stdout.write(`Installed the Rivulet kernelspec in ${installKernelspec(location)}\n`);
      return 0;
    }
    const removed = uninstallKernelspec(location);
    process.stdout.write(removed === null ? 'No Rivulet kernelspec was installed there.\n' : `Removed ${removed}\n`);
    return 0;
  }
  const i = args.indexOf('--connection-file');
  const file = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--connection-file='))?.slice('--connection-file='.length);
  if (file === undefined || file === '') return usage(sub === undefined ? '' : `unknown arguments: ${args.join(' ')}`);
  const code = await startKernel({ connectionFile: file });
  // Streams, timers or sockets a cell left behind must not keep a shut-down kernel alive.
  process.exit(code);
}

function parseLocation(args: string[]): SpecLocation | string {
  if (args.length === 0 || (args.length === 1 && args[0] === '--user')) return { kind: 'user' };
  if (args.length === 1 && args[0] === '--sys-prefix') return { kind: 'sys-prefix' };
  if (args.length === 2 && args[0] === '--prefix' && args[1] !== undefined && args[1] !== '') return { kind: 'prefix', prefix: args[1] };
  const eq = args.length === 1 ? /^--prefix=(.+)$/.exec(args[0] as string) : null;
  if (eq?.[1] !== undefined) return { kind: 'prefix', prefix: eq[1] };
  return `unknown options: ${args.join(' ')}`;
}

function usage(problem: string): number {
  process.stderr.write(`${problem === '' ? '' : `rivulet kernel: ${problem}\n\n`}${USAGE}`);
  return 2;
}
