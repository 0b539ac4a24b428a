// explain(): a pipeline's plan as text (one line per operator: id, what it does, parallelism, and where its
// input comes from) or as a Mermaid flowchart for notebooks and docs.
import { topologicalOrder, type LogicalNode } from './node.ts';
import { parallelismOf, edgesInto, type Edge } from './edges.ts';

export type ExplainFormat = 'text' | 'mermaid';

export interface ExplainSettings {
  readonly parallelism: number;
  readonly maxParallelism: number;
  readonly partitioner: string;
}

export function explainPlan(roots: LogicalNode[], s: ExplainSettings, format: ExplainFormat = 'text'): string {
  const nodes = topologicalOrder(roots).filter((n) => n.kind !== 'keyBy');
  const par = parallelismOf(topologicalOrder(roots), s.parallelism);
  const edges = nodes.flatMap((n) => edgesInto(n, par));
  return format === 'mermaid' ? mermaid(nodes, edges, par) : text(nodes, edges, par, s);
}

function edgeLabel(e: Edge): string {
  if (e.kind === 'side') return `side output "${e.side}"`;
  return e.kind === 'hash' ? 'hash by key group' : e.kind;
}

function text(nodes: LogicalNode[], edges: Edge[], par: Map<LogicalNode, number>, s: ExplainSettings): string {
  const number = new Map(nodes.map((n, i) => [n, i + 1]));
  const lines = [
    `Plan: ${nodes.length} operators, parallelism ${s.parallelism}, maxParallelism ${s.maxParallelism}` +
      (s.partitioner !== 'key-groups' ? `, partitioner ${s.partitioner}` : ''),
  ];
  const width = Math.max(...nodes.map((n) => describe(n).length));
  for (const n of nodes) {
    const ins = edges.filter((e) => e.to === n).map((e) => `#${number.get(e.from)} ${edgeLabel(e)}`);
    const flags = [n.timestamps ? 'event time' : '', n.changelog ? 'changelog' : ''].filter(Boolean).join(', ');
    lines.push(
      `  #${String(number.get(n)).padEnd(3)}${describe(n).padEnd(width)}  x${par.get(n)}` +
        (ins.length ? `  <- ${ins.join(', ')}` : '') +
        (flags ? `  [${flags}]` : ''),
    );
  }
  return lines.join('\n');
}

function describe(n: LogicalNode): string {
  return n.uid ? `${n.label} (uid ${n.uid})` : n.label;
}

function mermaid(nodes: LogicalNode[], edges: Edge[], par: Map<LogicalNode, number>): string {
  const id = (n: LogicalNode): string => `n${n.id}`;
  const esc = (t: string): string => t.replace(/"/g, '#quot;');
  const lines = ['flowchart LR'];
  for (const n of nodes) lines.push(`  ${id(n)}["${esc(describe(n))}<br/>x${par.get(n)}"]`);
  for (const e of edges) lines.push(`  ${id(e.from)} -->|${esc(edgeLabel(e))}| ${id(e.to)}`);
  return lines.join('\n');
}
