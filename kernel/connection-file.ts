// The connection file Jupyter writes before starting a kernel: transport, ip, the five ports, and the key
// and scheme that sign every message. Parsed and checked here; a bad file is a RivuletError saying what.
import { readFileSync } from 'node:fs';
import { RivuletError } from '../runtime/errors/rivulet-error.ts';

export interface ConnectionInfo {
  readonly transport: 'tcp' | 'ipc';
  readonly ip: string;
  readonly shellPort: number;
  readonly controlPort: number;
  readonly iopubPort: number;
  readonly stdinPort: number;
  readonly hbPort: number;
  readonly key: string;
  readonly signatureScheme: string;
}

export type ChannelName = 'shell' | 'control' | 'iopub' | 'stdin' | 'hb';

export function readConnectionFile(path: string): ConnectionInfo {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RivuletError('FILE_NOT_FOUND', { where: 'rivulet kernel --connection-file', path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(path, `it is not JSON (${(e as Error).message})`);
  }
  return parseConnection(json, path);
}

export function parseConnection(json: unknown, where = 'the connection file'): ConnectionInfo {
  if (typeof json !== 'object' || json === null) throw bad(where, 'it is not a JSON object');
  const o = json as Record<string, unknown>;
  const port = (name: string): number => {
    const v = o[name];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 65535) throw bad(where, `${name} must be a port number, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const transport = o.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') throw bad(where, `transport must be "tcp" or "ipc", got ${JSON.stringify(transport)}`);
  if (typeof o.ip !== 'string' || o.ip === '') throw bad(where, 'ip is missing');
  const key = o.key ?? '';
  if (typeof key !== 'string') throw bad(where, 'key must be a string');
  const scheme = o.signature_scheme ?? 'hmac-sha256';
  if (scheme !== 'hmac-sha256') throw bad(where, `signature_scheme ${JSON.stringify(scheme)} is not supported (only hmac-sha256)`);
  return {
    transport,
    ip: o.ip,
    shellPort: port('shell_port'),
    controlPort: port('control_port'),
    iopubPort: port('iopub_port'),
    stdinPort: port('stdin_port'),
    hbPort: port('hb_port'),
    key,
    signatureScheme: scheme,
  };
}

/** The zeromq endpoint of one channel. */
export function endpoint(info: ConnectionInfo, channel: ChannelName): string {
  const port = { shell: info.shellPort, control: info.controlPort, iopub: info.iopubPort, stdin: info.stdinPort, hb: info.hbPort }[channel];
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}

function bad(where: string, problem: string): RivuletError {
  return new RivuletError('BAD_ARGUMENT', {
    where: 'rivulet kernel',
    name: `the connection file (${where})`,
    expected: 'a Jupyter connection file',
    got: problem,
    hint: `Fix it: ${problem}. Jupyter writes this file when it starts the kernel with --connection-file.`,
  });
}
