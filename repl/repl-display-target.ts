// The REPL's display target. A live view must not scribble over what the user is typing, so while the prompt
// waits a view shows one line when it starts ("view hot is live: .view hot to watch it") and its table once it
// ends (finished or stopped); the dashboard reads the views themselves and redraws them in place. While a
// dashboard is open nothing is printed.
import type { DisplayHints, DisplayTarget, MimeBundle } from '../runtime/index.ts';

export interface ReplDisplayOptions {
  /** Prints text above the prompt. */
  readonly print: (text: string) => void;
  /** Whether a dashboard has the screen now. */
  readonly dashboardOpen: () => boolean;
}

export class ReplDisplayTarget implements DisplayTarget {
  private readonly announced = new Set<string>();
  private readonly lastFinal = new Map<string, string>();

  constructor(private readonly opts: ReplDisplayOptions) {}

  show(bundle: MimeBundle, id: string, hints?: DisplayHints): void {
    if (this.opts.dashboardOpen()) return;
    if (hints?.final === true) return this.update(id, bundle, hints);
    if (this.announced.has(id)) return;
    this.announced.add(id);
    const name = viewNameOf(id);
    this.opts.print(`view ${name} is live: .view ${name} (or .dash) shows it`);
  }

  update(id: string, bundle: MimeBundle, hints?: DisplayHints): void {
    if (hints?.final !== true || this.opts.dashboardOpen()) return;
    const text = typeof bundle['text/plain'] === 'string' ? bundle['text/plain'] : '';
    if (!/ · (finished|stopped|failed) · /.test(text.split('\n')[0] ?? '') || this.lastFinal.get(id) === text) return;
    this.lastFinal.set(id, text);
    this.opts.print(text);
  }
}

/** A view's name from its display id ("rivulet-view-3-hot" → "hot"). */
export function viewNameOf(id: string): string {
  return id.replace(/^rivulet-view-\d+-/, '');
}
