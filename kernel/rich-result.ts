// The execute_result of a cell's last value, as a MIME bundle: a stream shows its plan, a view its table
// (HTML and text), a chart its SVG and Vega-Lite spec, an Arquero table its HTML, any Rivulet object with a
// `mimeBundle()` (an explanation, a watermark timeline) its own bundle; anything else is shown as Node's REPL
// shows it (util.inspect).
import { inspect } from 'node:util';
import { DataStream } from '../runtime/api/data-stream.ts';
import { JobHandle } from '../runtime/api/job-handle.ts';
import { View } from '../runtime/views/view.ts';
import { escapeHtml } from '../runtime/views/html-table.ts';
import type { MimeBundle } from '../runtime/session/display-target.ts';

export async function richBundle(value: unknown): Promise<MimeBundle> {
  if (value instanceof View) return (await value.mimeBundle()) as MimeBundle;
  if (value instanceof DataStream) {
    const plan = value.explain('text');
    return { 'text/plain': plan, 'text/html': `<pre class="rivulet-plan">${escapeHtml(plan)}</pre>` };
  }
  if (value instanceof JobHandle) {
    const m = value.metrics;
    return { 'text/plain': `job "${value.name}": ${value.status}, ${m.eventsIn} events in` };
  }
  if (hasMimeBundle(value)) return await value.mimeBundle();
  if (isArqueroTable(value)) return { 'text/plain': plainText(value), 'text/html': value.toHTML({ limit: 50 }) };
  return { 'text/plain': plainText(value) };
}

function plainText(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100, colors: false });
}

interface HtmlTable {
  toHTML(options?: { limit?: number }): string;
  numRows(): number;
  columnNames(): string[];
}

function isArqueroTable(v: unknown): v is HtmlTable {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as HtmlTable).toHTML === 'function' &&
    typeof (v as HtmlTable).numRows === 'function' &&
    typeof (v as HtmlTable).columnNames === 'function'
  );
}

interface RichValue {
  mimeBundle(): Promise<MimeBundle> | MimeBundle;
}

function hasMimeBundle(v: unknown): v is RichValue {
  return typeof v === 'object' && v !== null && typeof (v as RichValue).mimeBundle === 'function';
}
