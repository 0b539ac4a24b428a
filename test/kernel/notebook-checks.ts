// What an executed notebook must show (the notebook conventions): no error output anywhere; a cell tagged
// `expect-table` shows an HTML table, one tagged `expect-chart` an SVG; the substrings in a cell's metadata
// `rivulet.expect` appear in its outputs (text/plain, stream text or HTML).
interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[]; rivulet?: { expect?: string[] } };
  outputs?: Output[];
}

export interface Notebook {
  cells: Cell[];
  metadata?: { kernelspec?: { name?: string; language?: string } };
}

const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

/** Every problem of an executed notebook, one line each (none: it passes). */
export function notebookProblems(nb: Notebook): string[] {
  const problems: string[] = [];
  if (nb.metadata?.kernelspec?.name !== 'rivulet') problems.push(`the kernelspec is ${JSON.stringify(nb.metadata?.kernelspec?.name)}, not "rivulet"`);
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    const where = `cell ${i} (${text(cell.source).split('\n')[0]?.slice(0, 60)})`;
    const outputs = cell.outputs ?? [];
    for (const o of outputs) if (o.output_type === 'error') problems.push(`${where}: error ${o.ename}: ${o.evalue}`);
    const tags = cell.metadata?.tags ?? [];
    if (tags.includes('expect-table') && !outputs.some((o) => text(o.data?.['text/html']).includes('<table'))) problems.push(`${where}: no HTML table`);
    if (tags.includes('expect-chart') && !outputs.some((o) => text(o.data?.['image/svg+xml']).includes('<svg'))) problems.push(`${where}: no SVG chart`);
    const shown = outputs.map((o) => text(o.text) + text(o.data?.['text/plain']) + text(o.data?.['text/html'])).join('\n');
    for (const s of cell.metadata?.rivulet?.expect ?? []) if (!shown.includes(s)) problems.push(`${where}: ${JSON.stringify(s)} not in its outputs`);
  });
  return problems;
}
