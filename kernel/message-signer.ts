// HMAC-SHA256 signatures of Jupyter messages: the hex digest of header, parent header, metadata and content
// (as sent, in that order) under the connection key. An empty key means unsigned messages (Jupyter's rule).
// Signatures are compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class MessageSigner {
  constructor(private readonly key: string) {}

  /** Whether messages are signed at all (a connection file may give an empty key). */
  get enabled(): boolean {
    return this.key !== '';
  }

  sign(parts: readonly (Buffer | string)[]): string {
    if (!this.enabled) return '';
    const h = createHmac('sha256', this.key);
    for (const p of parts) h.update(p);
    return h.digest('hex');
  }

  /** Whether `signature` is the signature of `parts`. */
  verify(signature: string, parts: readonly (Buffer | string)[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(parts), 'utf8');
    const got = Buffer.from(signature, 'utf8');
    return got.length === expected.length && timingSafeEqual(got, expected);
  }
}
