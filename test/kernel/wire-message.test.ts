import { describe, expect, it } from 'vitest';
import { MessageSigner } from '../../kernel/message-signer.ts';
import { decodeMessage, encodeMessage, makeMessage } from '../../kernel/wire-message.ts';
import { parseConnection, endpoint } from '../../kernel/connection-file.ts';
import { error } from '../helpers/rivulet-errors.ts';

const signer = new MessageSigner('a-secret-key');

function frames() {
  const req = makeMessage('execute_request', { code: '1 + 1' }, null, 'client-session');
  return encodeMessage({ ...req, identities: [Buffer.from('peer')] }, signer);
}

describe('the wire form of Jupyter messages', () => {
  it('round-trips a signed message with its routing identities', () => {
    const decoded = decodeMessage(frames(), signer);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.message.identities.map(String)).toEqual(['peer']);
    expect(decoded.message.header).toMatchObject({ msg_type: 'execute_request', session: 'client-session', version: '5.3' });
    expect(decoded.message.content).toEqual({ code: '1 + 1' });
  });

  it('signs with HMAC-SHA256 over header, parent header, metadata and content', () => {
    const f = frames();
    const sig = f[2]?.toString();
    const expected = new MessageSigner('a-secret-key').sign(f.slice(3, 7));
    expect(sig).toBe(expected);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a message signed with another key, a tampered content and a missing signature', () => {
    expect(decodeMessage(frames(), new MessageSigner('another-key'))).toEqual({ ok: false, reason: 'bad signature' });
    const tampered = frames();
    tampered[6] = Buffer.from(JSON.stringify({ code: 'process.exit(1)' }));
    expect(decodeMessage(tampered, signer)).toEqual({ ok: false, reason: 'bad signature' });
    const unsigned = frames();
    unsigned[2] = Buffer.from('');
    expect(decodeMessage(unsigned, signer)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('rejects frames without the delimiter or with too few parts', () => {
    expect(decodeMessage([Buffer.from('x')], signer).ok).toBe(false);
    expect(decodeMessage(frames().slice(0, 5), signer).ok).toBe(false);
  });
});

describe('connection files', () => {
  const good = { transport: 'tcp', ip: '127.0.0.1', shell_port: 1, control_port: 2, iopub_port: 3, stdin_port: 4, hb_port: 5, key: 'k', signature_scheme: 'hmac-sha256' };

  it('gives each channel its endpoint', () => {
    const info = parseConnection(good);
    expect(endpoint(info, 'shell')).toBe('tcp://127.0.0.1:1');
    expect(endpoint(info, 'hb')).toBe('tcp://127.0.0.1:5');
  });

  it('refuses another signature scheme and a missing port, saying which', () => {
    const scheme = error(() => parseConnection({ ...good, signature_scheme: 'hmac-md5' }));
    expect([scheme.code, scheme.message]).toEqual(['BAD_ARGUMENT', expect.stringContaining('hmac-md5')]);
    const port = error(() => parseConnection({ ...good, hb_port: undefined }));
    expect([port.code, port.message]).toEqual(['BAD_ARGUMENT', expect.stringContaining('hb_port')]);
  });
});
