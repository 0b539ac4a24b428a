// Renders a Vega-Lite spec to an SVG string in Node with vega's headless string renderer: no browser and
// no canvas (text widths are estimated). A live chart re-renders the same spec with new rows a few times
// per second, so the compiled and parsed dataflow is cached by the spec without its rows, and the rows are
// fed to a fresh View as a named data set. Vega writes into the objects it ingests, so it gets copies.
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

const SOURCE = 'rivulet_rows';
const CACHE_SIZE = 32;
const runtimes = new Map<string, vega.Runtime>();

export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const { shape, values } = splitInlineData(spec);
  const runtime = values === undefined ? vega.parse(compile(spec).spec) : runtimeFor(shape);
  const view = new vega.View(runtime, { renderer: 'none' });
  try {
    if (values !== undefined) view.data(SOURCE, values.map((v) => (typeof v === 'object' && v !== null ? { ...v } : v)));
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The spec with its inline rows replaced by a named data set (the cache key), and the rows. */
function splitInlineData(spec: TopLevelSpec): { shape: TopLevelSpec; values?: unknown[] } {
  const data = (spec as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return { shape: spec };
  const values = (data as { values?: unknown }).values;
  if (!Array.isArray(values) || Object.keys(data).length !== 1) return { shape: spec };
  return { shape: { ...spec, data: { name: SOURCE } } as TopLevelSpec, values };
}

function runtimeFor(shape: TopLevelSpec): vega.Runtime {
  const key = JSON.stringify(shape);
  let runtime = runtimes.get(key);
  if (runtime === undefined) {
    runtime = vega.parse(compile(shape).spec);
    if (runtimes.size >= CACHE_SIZE) runtimes.delete(runtimes.keys().next().value as string);
  } else {
    runtimes.delete(key); // re-insert: most recently used last
  }
  runtimes.set(key, runtime);
  return runtime;
}
