// Jupyter messages (protocol 5.3) and their wire form: routing identities, the "<IDS|MSG>" delimiter, the
// HMAC signature, then header, parent header, metadata and content as JSON, then binary buffers. Decoding
// checks the signature first: a message that fails it is returned as a rejection and never parsed further.
import { randomUUID } from 'node:crypto';
import type { MessageSigner } from './message-signer.ts';

export const PROTOCOL_VERSION = '5.3';
const DELIMITER = '<IDS|MSG>';

export interface MessageHeader {
  readonly msg_id: string;
  readonly session: string;
  readonly username: string;
  readonly date: string;
  readonly msg_type: string;
  readonly version: string;
}

export interface JupyterMessage {
  /** The ZeroMQ routing identities the request came with (replies go back with them). */
  readonly identities: Buffer[];
  readonly header: MessageHeader;
  /** The header of the request this message answers, or {} for none. */
  readonly parentHeader: MessageHeader | Record<string, never>;
  readonly metadata: Record<string, unknown>;
  readonly content: Record<string, unknown>;
  readonly buffers: Buffer[];
}

export type Decoded = { ok: true; message: JupyterMessage } | { ok: false; reason: string };

/** A new header for a message this kernel sends in `session`. */
export function makeHeader(msgType: string, session: string): MessageHeader {
  return { msg_id: randomUUID(), session, username: 'rivulet', date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** A message of this kernel: `msgType` with `content`, answering `parent` (or nothing). */
export function makeMessage(
  msgType: string,
  content: Record<string, unknown>,
  parent: JupyterMessage | MessageHeader | null,
  session: string,
  metadata: Record<string, unknown> = {},
): JupyterMessage {
  const parentHeader = parent === null ? {} : 'header' in parent ? parent.header : parent;
  const identities = parent !== null && 'identities' in parent ? parent.identities : [];
  return { identities, header: makeHeader(msgType, session), parentHeader, metadata, content, buffers: [] };
}

/** The frames to send, signed. */
export function encodeMessage(msg: JupyterMessage, signer: MessageSigner): Buffer[] {
  const parts = [msg.header, msg.parentHeader, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p), 'utf8'));
  return [...msg.identities, Buffer.from(DELIMITER), Buffer.from(signer.sign(parts)), ...parts, ...msg.buffers];
}

/** A received multipart message, checked against its signature. */
export function decodeMessage(frames: readonly Buffer[], signer: MessageSigner): Decoded {
  const d = frames.findIndex((f) => f.length === DELIMITER.length && f.toString('utf8') === DELIMITER);
  if (d < 0) return { ok: false, reason: 'no <IDS|MSG> delimiter' };
  if (frames.length < d + 6) return { ok: false, reason: `too few frames (${frames.length})` };
  const signature = (frames[d + 1] as Buffer).toString('utf8');
  const parts = frames.slice(d + 2, d + 6);
  if (!signer.verify(signature, parts)) return { ok: false, reason: 'bad signature' };
  try {
    const [header, parentHeader, metadata, content] = parts.map((p) => JSON.parse(p.toString('utf8')) as Record<string, unknown>);
    if (typeof header?.msg_type !== 'string' || typeof header.msg_id !== 'string') return { ok: false, reason: 'a header without msg_type or msg_id' };
    return {
      ok: true,
      message: {
        identities: frames.slice(0, d),
        header: header as unknown as MessageHeader,
        parentHeader: (parentHeader ?? {}) as JupyterMessage['parentHeader'],
        metadata: metadata ?? {},
        content: content ?? {},
        buffers: frames.slice(d + 6),
      },
    };
  } catch (e) {
    return { ok: false, reason: `unparsable JSON (${(e as Error).message})` };
  }
}
