// What a front end plugs in to show live results: a display target receives MIME bundles (the same shape as
// Jupyter's display_data: "text/html", "text/plain", "image/svg+xml", "application/vnd.vegalite.v5+json", ...)
// under an id, and later updates of the same id. The kernel maps them to display_data and
// update_display_data, the REPL to a redrawn dashboard, a script to text on stdout.

/** One rendering of a result in several MIME types, richest first; "text/plain" is always present. */
export type MimeBundle = Record<string, unknown>;

/** What a target may want to know about an update besides its content. */
export interface DisplayHints {
  /**
   * The last update for a while: the stream ended, was paused, stopped or failed. A target that shows
   * updates sparingly (a script's stdout) should still show this one.
   */
  readonly final: boolean;
}

export interface DisplayTarget {
  /** Shows a new output with this id. */
  show(bundle: MimeBundle, id: string, hints?: DisplayHints): void | Promise<void>;
  /** Replaces what the output with this id shows. */
  update(id: string, bundle: MimeBundle, hints?: DisplayHints): void | Promise<void>;
}

export function isDisplayTarget(t: unknown): t is DisplayTarget {
  return (
    typeof t === 'object' &&
    t !== null &&
    typeof (t as DisplayTarget).show === 'function' &&
    typeof (t as DisplayTarget).update === 'function'
  );
}
