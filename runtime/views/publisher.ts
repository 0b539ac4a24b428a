// How a view's renderings reach its display target: shown once, then updated under the same id. A renderer
// may be asynchronous (charts render SVG): then at most one rendering is in flight, and whatever is asked
// for meanwhile becomes one more rendering of the latest state afterwards (coalesced, never queued). A
// failing renderer shows its error in the display; a failing target is reported once, never thrown into
// the pipeline.
import type { DisplayTarget, MimeBundle } from '../session/display-target.ts';
import { getDisplayTarget } from '../session/display-registry.ts';
import { trackDisplay } from '../session/pending-displays.ts';
import { escapeHtml } from './html-table.ts';

export class Publisher {
  /** Bundles delivered to the target so far (the first show included). */
  updates = 0;
  /** The last error of the renderer or of the target, if any. */
  lastError: unknown = undefined;
  private target: DisplayTarget | null = null;
  private shown = false;
  private rendering: Promise<void> | null = null;
  private queued: boolean | null = null;
  private warned = false;

  constructor(
    private readonly name: string,
    readonly id: string,
    private readonly display: DisplayTarget | false | undefined,
    private readonly render: () => MimeBundle | Promise<MimeBundle>,
  ) {}

  /** The next delivery shows the output anew (a second output with the same id) instead of updating it. */
  reshow(): void {
    this.shown = false;
  }

  /** Renders and sends now, or right after the rendering in flight; resolves once it is delivered. */
  deliver(final: boolean): Promise<void> {
    if (this.display === false) return Promise.resolve();
    if (this.rendering !== null) {
      this.queued = (this.queued ?? false) || final;
      return this.idle();
    }
    let bundle: MimeBundle | Promise<MimeBundle>;
    try {
      bundle = this.render();
    } catch (e) {
      bundle = this.errorBundle(e);
    }
    if (!(bundle instanceof Promise)) {
      this.send(bundle, final);
      return Promise.resolve();
    }
    const done = bundle
      .catch((e: unknown) => this.errorBundle(e))
      .then((b) => this.send(b, final))
      .finally(() => {
        this.rendering = null;
        const q = this.queued;
        this.queued = null;
        if (q !== null) void this.deliver(q);
      });
    this.rendering = done;
    trackDisplay(done);
    return this.idle();
  }

  /** Resolves once no rendering is in flight. */
  async idle(): Promise<void> {
    while (this.rendering !== null) await this.rendering;
  }

  private send(bundle: MimeBundle, final: boolean): void {
    if (this.display === false) return;
    const target = (this.target ??= this.display ?? getDisplayTarget());
    const hints = { final };
    try {
      const r = this.shown ? target.update(this.id, bundle, hints) : target.show(bundle, this.id, hints);
      this.shown = true;
      this.updates++;
      if (r instanceof Promise) r.catch((e: unknown) => this.failed(e));
    } catch (e) {
      this.failed(e);
    }
  }

  private errorBundle(e: unknown): MimeBundle {
    this.lastError = e;
    const message = `${this.name}: ${e instanceof Error ? e.message : String(e)}`;
    return { 'text/html': `<pre class="rivulet-error">${escapeHtml(message)}</pre>`, 'text/plain': message };
  }

  private failed(e: unknown): void {
    this.lastError = e;
    if (this.warned) return;
    this.warned = true;
    process.emitWarning(`View "${this.name}" could not update its display: ${e instanceof Error ? e.message : String(e)}`);
  }
}
