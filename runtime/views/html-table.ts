// A view as an HTML table for notebooks: a progress line, the table (every header and cell escaped; each
// column's type under its name; numbers, times and bigints right-aligned), and a caption with the row
// count ("showing top 10 of 1,234 rows"). Inline styles only, so that it looks the same in every notebook
// front end (and in GitHub's rendering of a saved notebook, which drops <style>).
import type { Row } from './records.ts';
import { columnType, isRightAligned, type ColumnType } from './column-types.ts';
import { formatCell } from './text-table.ts';

export interface HtmlTableOptions {
  /** Columns in order (default: every column of the rows). */
  columns: readonly string[];
  /** A line above the table (the view's progress). */
  caption?: string;
  /** A line below the table (the row count). */
  footer?: string;
  /** How to show a value (default formatCell). */
  format?: (value: unknown, column: string) => string;
}

const TYPE_LABEL: Record<ColumnType, string> = {
  number: 'number',
  time: 'time',
  bigint: 'bigint',
  boolean: 'bool',
  text: 'text',
  date: 'date',
  object: 'object',
  mixed: 'mixed',
  empty: '',
};

const NOTE = 'font-size:0.85em;color:#666;';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

export function renderHtmlTable(rows: readonly Row[], opts: HtmlTableOptions): string {
  const format = opts.format ?? formatCell;
  const columns = opts.columns;
  const types = columns.map((c) => columnType(rows, c));
  const align = types.map((t) => (isRightAligned(t) ? 'right' : 'left'));
  const out: string[] = ['<div class="rivulet-view">'];
  if (opts.caption !== undefined) out.push(`<div class="rivulet-progress" style="${NOTE}">${escapeHtml(opts.caption)}</div>`);
  if (columns.length > 0) {
    out.push('<table class="rivulet-table">');
    const head = columns.map((c, i) => {
      const label = TYPE_LABEL[types[i] as ColumnType];
      const type = label === '' ? '' : `<br><span style="font-weight:normal;${NOTE}">${label}</span>`;
      return `<th style="text-align:${align[i]}">${escapeHtml(c)}${type}</th>`;
    });
    out.push(`<thead><tr>${head.join('')}</tr></thead>`);
    out.push('<tbody>');
    for (const r of rows) {
      const cells = columns.map((c, i) => `<td style="text-align:${align[i]}">${escapeHtml(format(r[c], c))}</td>`);
      out.push(`<tr>${cells.join('')}</tr>`);
    }
    out.push('</tbody>');
    out.push('</table>');
  }
  if (opts.footer !== undefined) out.push(`<div class="rivulet-rows" style="${NOTE}">${escapeHtml(opts.footer)}</div>`);
  out.push('</div>');
  return out.join('\n');
}
