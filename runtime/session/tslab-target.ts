// Rivulet inside tslab (a Jupyter kernel for TypeScript): when tslab has loaded its Jupyter module in this
// process, live views use it to send display_data / update_display_data with the whole MIME bundle. tslab is
// only looked for among the modules already loaded, never loaded here: outside tslab this finds nothing.
import { createRequire } from 'node:module';
import type { DisplayTarget, MimeBundle } from './display-target.ts';

type WriteDisplayData = (
  data: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id: string } },
  update: boolean,
) => void;

interface TslabDisplay {
  html(s: string): void;
  text(s: string): void;
}
interface TslabPublic {
  newDisplay(): TslabDisplay;
}

/** tslab's Jupyter module (`lastWriteDisplayData`) and public API (`newDisplay`), when tslab is running. */
export interface TslabModules {
  readonly writeDisplayData: (() => WriteDisplayData | null) | null;
  readonly publicApi: TslabPublic | null;
}

/** Finds tslab among the loaded modules (`require.cache`), without loading anything. */
export function findTslab(cache: Record<string, { exports?: unknown } | undefined> = requireCache()): TslabModules | null {
  let jupyter: { lastWriteDisplayData?: unknown } | null = null;
  let publicApi: TslabPublic | null = null;
  for (const [path, mod] of Object.entries(cache)) {
    const p = path.replace(/\\/g, '/');
    if (!p.includes('/tslab/dist/')) continue;
    const exp = mod?.exports;
    if (typeof exp !== 'object' || exp === null) continue;
    if (p.endsWith('/tslab/dist/jupyter.js') && 'lastWriteDisplayData' in exp) jupyter = exp as { lastWriteDisplayData?: unknown };
    if (p.endsWith('/tslab/dist/public.js') && typeof (exp as TslabPublic).newDisplay === 'function') publicApi = exp as TslabPublic;
  }
  if (jupyter === null && publicApi === null) return null;
  const j = jupyter;
  return {
    // Read on every call: tslab sets it once the kernel is connected.
    writeDisplayData: j === null ? null : () => (typeof j.lastWriteDisplayData === 'function' ? (j.lastWriteDisplayData as WriteDisplayData) : null),
    publicApi,
  };
}

function requireCache(): Record<string, { exports?: unknown } | undefined> {
  try {
    return createRequire(import.meta.url).cache as Record<string, { exports?: unknown } | undefined>;
  } catch {
    return {};
  }
}

/** Sends bundles through tslab: whole bundles via its Jupyter module, or HTML only via newDisplay(). */
export class TslabDisplayTarget implements DisplayTarget {
  private readonly displays = new Map<string, TslabDisplay>();

  constructor(private readonly tslab: TslabModules) {}

  show(bundle: MimeBundle, id: string): void {
    this.send(id, bundle, false);
  }

  update(id: string, bundle: MimeBundle): void {
    this.send(id, bundle, true);
  }

  private send(id: string, bundle: MimeBundle, update: boolean): void {
    const write = this.tslab.writeDisplayData?.() ?? null;
    if (write !== null) {
      write({ data: bundle, metadata: {}, transient: { display_id: id } }, update);
      return;
    }
    const api = this.tslab.publicApi;
    if (api === null) return;
    let d = this.displays.get(id);
    if (d === undefined) this.displays.set(id, (d = api.newDisplay()));
    const html = bundle['text/html'] ?? bundle['image/svg+xml'];
    if (typeof html === 'string') d.html(html);
    else d.text(String(bundle['text/plain'] ?? ''));
  }
}
