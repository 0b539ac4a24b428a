// A display target that keeps every call: for tests, and for front ends that poll instead of being pushed to.
import type { DisplayHints, DisplayTarget, MimeBundle } from './display-target.ts';

export interface RecordedDisplay {
  readonly kind: 'show' | 'update';
  readonly id: string;
  readonly bundle: MimeBundle;
  readonly final: boolean;
}

export class RecordingDisplayTarget implements DisplayTarget {
  readonly calls: RecordedDisplay[] = [];

  show(bundle: MimeBundle, id: string, hints?: DisplayHints): void {
    this.calls.push({ kind: 'show', id, bundle, final: hints?.final ?? false });
  }

  update(id: string, bundle: MimeBundle, hints?: DisplayHints): void {
    this.calls.push({ kind: 'update', id, bundle, final: hints?.final ?? false });
  }

  /** The calls for one display id (every id when none is given). */
  of(id?: string): RecordedDisplay[] {
    return id === undefined ? this.calls : this.calls.filter((c) => c.id === id);
  }

  /** What the display with this id shows now. */
  latest(id: string): MimeBundle | undefined {
    return this.of(id).at(-1)?.bundle;
  }

  clear(): void {
    this.calls.length = 0;
  }
}
