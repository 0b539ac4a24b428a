// What kernel_info_reply says about this kernel: protocol 5.3, TypeScript cells, and Rivulet's version.
import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSION } from './wire-message.ts';

export const KERNEL_DISPLAY_NAME = 'Rivulet (TypeScript)';
export const KERNEL_NAME = 'rivulet';

export function rivuletVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function kernelInfo(): Record<string, unknown> {
  const version = rivuletVersion();
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'rivulet',
    implementation_version: version,
    language_info: {
      name: 'typescript',
      version: '5.9',
      mimetype: 'text/typescript',
      file_extension: '.ts',
      pygments_lexer: 'typescript',
      codemirror_mode: { name: 'javascript', typescript: true },
    },
    banner: `Rivulet ${version}: a streaming-dataflow lab for TypeScript (Node ${process.versions.node}). Cells are TypeScript; import from 'rivulet'.`,
    help_links: [{ text: 'Rivulet README', url: 'https://github.com/rivulet/rivulet#readme' }],
    debugger: false,
  };
}
