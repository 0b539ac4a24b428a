// The key a process function is working on right now: set by the operator before it calls processElement or
// onTimer, read by every state handle and by the timer context. Outside those calls (e.g. in open()) there is
// no current key, and state or timer access says so.
import { RivuletError } from '../../errors/rivulet-error.ts';
import type { KeyedStateBackend } from '../../state/keyed-state-backend.ts';

export class KeyScope {
  /** Whether a key is current (inside processElement / onTimer). */
  active = false;
  /** The current key as the key selector returned it. */
  key: unknown = undefined;
  /** Its canonical form: what state tables and timers are keyed by. */
  canonical: unknown = undefined;
  /** Processing time of the current call (the operator's clock, read once per batch or tick). */
  now = 0;
  private remembered = false;

  constructor(private readonly backend: KeyedStateBackend) {}

  enter(key: unknown, canonical: unknown): void {
    this.active = true;
    this.key = key;
    this.canonical = canonical;
    this.remembered = false;
  }

  leave(): void {
    this.active = false;
    this.key = undefined;
    this.canonical = undefined;
  }

  /** The current canonical key; throws NO_KEY_CONTEXT outside processElement / onTimer. */
  require(what: string): unknown {
    if (!this.active) throw new RivuletError('NO_KEY_CONTEXT', { what });
    return this.canonical;
  }

  /** As require(), before a write: the backend learns the original of a composite key (snapshots need it). */
  requireWrite(what: string): unknown {
    if (!this.active) throw new RivuletError('NO_KEY_CONTEXT', { what });
    if (!this.remembered) {
      this.remembered = true;
      this.backend.rememberKey(this.canonical, this.key);
    }
    return this.canonical;
  }
}
