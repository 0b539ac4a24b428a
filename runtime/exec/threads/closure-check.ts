// Checks that a user function can run in a worker thread from its source text alone: it is parsed with acorn
// and every identifier it reads must be declared inside it, be a JavaScript global (Math, JSON, Date, ...), or
// be a Rivulet builtin that workers provide by name (agg, Windows, OutputTag). A captured variable cannot
// travel: the caller refuses the function, naming the step and the variable.
import { parse, type Node } from 'acorn';
import { runInNewContext } from 'node:vm';
import { RIVULET_NAMES } from './rivulet-names.ts';

export interface ParsedFunction {
  /** A JavaScript expression that evaluates to the function. */
  readonly expression: string;
  /** Identifiers the function reads but does not declare, other than globals and Rivulet names. */
  readonly captured: string[];
}

/** Parses a function's source (arrow, function, class, or object method) and finds what it captures. */
export function parseFunction(f: Function): ParsedFunction | null {
  const src = Function.prototype.toString.call(f);
  if (/\{\s*\[native code\]\s*\}$/.test(src)) return null;
  for (const [expression, wrap] of [
    [`(${src})`, (n: Node) => n],
    [`({${src}})`, (n: Node) => n],
  ] as const) {
    let ast: Node;
    try {
      ast = parse(expression, { ecmaVersion: 'latest', sourceType: 'script' });
    } catch {
      continue;
    }
    const captured = freeVariables(wrap(ast)).filter((name) => !isAllowed(name));
    const expr = expression.startsWith('({') ? `Object.values(${expression})[0]` : expression;
    return { expression: expr, captured };
  }
  return null;
}

/**
 * The globals every worker has: the JavaScript builtins of a fresh context and Node's usual globals. Not `name
 * in globalThis`: a notebook or REPL may keep user variables on the main thread's global object.
 */
const GLOBALS = new Set<string>([
  ...(runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]),
  ...['console', 'process', 'Buffer', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'],
  ...['clearImmediate', 'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder'],
  ...['performance', 'crypto', 'fetch', 'AbortController', 'AbortSignal', 'atob', 'btoa', 'Intl', 'WebAssembly'],
]);

function isAllowed(name: string): boolean {
  return (RIVULET_NAMES as readonly string[]).includes(name) || name === 'arguments' || GLOBALS.has(name);
}

/** Names read but never declared anywhere in the tree (declarations anywhere count: a safe over-approximation). */
function freeVariables(root: Node): string[] {
  const refs = new Set<string>();
  const decls = new Set<string>();
  visit(root as AnyNode, null, null, refs, decls);
  return [...refs].filter((r) => !decls.has(r));
}

type AnyNode = Node & Record<string, unknown>;

const DECLARING = new Set(['VariableDeclarator', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression', 'CatchClause']);

function visit(n: AnyNode, parent: AnyNode | null, field: string | null, refs: Set<string>, decls: Set<string>): void {
  if (n.type === 'Identifier') {
    if (!isPropertyName(parent, field)) refs.add(n.name as string);
    return;
  }
  if (DECLARING.has(n.type)) declare(n, decls);
  for (const key of Object.keys(n)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    if ((n.type === 'LabeledStatement' || n.type === 'BreakStatement' || n.type === 'ContinueStatement') && key === 'label') continue;
    const v = n[key];
    if (Array.isArray(v)) {
      for (const c of v) if (isNode(c)) visit(c, n, key, refs, decls);
    } else if (isNode(v)) visit(v, n, key, refs, decls);
  }
}

function isNode(v: unknown): v is AnyNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function isPropertyName(parent: AnyNode | null, field: string | null): boolean {
  if (parent === null) return false;
  if (parent.type === 'MemberExpression') return field === 'property' && parent.computed !== true;
  if (parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') {
    return field === 'key' && parent.computed !== true;
  }
  return parent.type === 'MetaProperty';
}

function declare(n: AnyNode, decls: Set<string>): void {
  if (n.type === 'VariableDeclarator') return patternNames(n.id as AnyNode, decls);
  if (n.type === 'CatchClause') return n.param ? patternNames(n.param as AnyNode, decls) : undefined;
  if (n.id) patternNames(n.id as AnyNode, decls);
  for (const p of (n.params as AnyNode[] | undefined) ?? []) patternNames(p, decls);
}

function patternNames(p: AnyNode, decls: Set<string>): void {
  switch (p.type) {
    case 'Identifier':
      decls.add(p.name as string);
      return;
    case 'AssignmentPattern':
      return patternNames(p.left as AnyNode, decls);
    case 'RestElement':
      return patternNames(p.argument as AnyNode, decls);
    case 'ArrayPattern':
      for (const e of p.elements as (AnyNode | null)[]) if (e) patternNames(e, decls);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties as AnyNode[]) patternNames((prop.type === 'RestElement' ? prop : prop.value) as AnyNode, decls);
      return;
    default:
      return;
  }
}
