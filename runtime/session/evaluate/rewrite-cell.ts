// Turns one cell's JavaScript (esbuild's output) into the body of an async function that keeps its top-level
// names on a persistent scope object. Parsed with acorn; only the top level is rewritten:
//   const/let/var x = e   ->  x = e            (the scope object is reached through `with`, so later cells
//   function f() {}       ->  f = function f() {}   and closures from earlier cells see the same bindings;
//   class C {}            ->  C = class C {}         redeclaring in a later cell just assigns again)
//   import d, { a as b }, * as n from 'm'  ->  awaited import through the evaluator's resolver, names assigned
//   the last expression statement          ->  stored as the cell's value
// Function declarations and imports are hoisted to the top of the cell, as in a module. `import()` anywhere
// goes through the same resolver (the cell's code has no module URL of its own).
import { parse, type Node, type Pattern, type Program, type Statement, type ModuleDeclaration } from 'acorn';
import { SourceBuilder } from './source-builder.ts';

export const SCOPE = '__rivulet$scope';
export const IMPORT = '__rivulet$import';
export const RESULT = '__rivulet$result';

export interface RewrittenCell {
  /** The source of an async function expression taking (scope, import, result). */
  readonly source: string;
  /** Top-level names the cell declares (they must exist on the scope object before it runs). */
  readonly names: readonly string[];
  /** Whether the cell ends with an expression statement (whose value is the cell's value). */
  readonly hasValue: boolean;
  /** Maps an offset in `source` back to an offset in the JavaScript that was rewritten. */
  readonly jsOffset: (offset: number) => number;
}

/** Rewrites `js`; throws acorn's SyntaxError (with `pos`) when it does not parse. */
export function rewriteCell(js: string): RewrittenCell {
  const program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as Program;
  const out = new SourceBuilder(js);
  const names = new Set<string>();
  out.insert(`(async function (${SCOPE}, ${IMPORT}, ${RESULT}) { with (${SCOPE}) {\n`, 0);

  const body = program.body.map(unwrapExport).filter((s): s is Statement | ModuleDeclaration => s !== null);
  const last = body.at(-1);
  const hasValue = last?.type === 'ExpressionStatement';
  const imports = collectImportExpressions(program);

  // Copies [start, end) with every `import(` inside it turned into the resolver's call.
  const copy = (start: number, end: number): void => {
    let at = start;
    for (const imp of imports) {
      if (imp.start < start || imp.end > end) continue;
      out.copy(at, imp.start).insert(`${IMPORT}(`, imp.start);
      at = imp.sourceStart;
    }
    out.copy(at, end);
  };

  for (const s of body) {
    if (s.type === 'FunctionDeclaration' && s.id !== null) {
      names.add(s.id.name);
      out.insert(`${s.id.name} = `, s.start);
      copy(s.start, s.end);
      out.insert(';\n', s.end);
    }
  }
  for (const s of body) {
    if (s.type !== 'ImportDeclaration') continue;
    out.insert(`{ const __m = await ${IMPORT}(`, s.start).copy(s.source.start, s.source.end).insert(');', s.start);
    for (const spec of s.specifiers) {
      names.add(spec.local.name);
      const from =
        spec.type === 'ImportNamespaceSpecifier'
          ? '__m'
          : spec.type === 'ImportDefaultSpecifier'
            ? '__m.default'
            : `__m[${JSON.stringify(spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value))}]`;
      out.insert(` ${spec.local.name} = ${from};`, s.start);
    }
    out.insert(' }\n', s.end);
  }

  for (const s of body) {
    if (s.type === 'FunctionDeclaration' || s.type === 'ImportDeclaration') continue;
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        for (const n of boundNames(d.id)) names.add(n);
        if (d.init === null || d.init === undefined) {
          if (s.kind !== 'var' && d.id.type === 'Identifier') out.insert(`${d.id.name} = undefined;`, d.start);
          continue;
        }
        out.insert('(', d.start);
        copy(d.id.start, d.id.end);
        out.insert(' = ', d.start);
        copy(d.init.start, d.init.end);
        out.insert(');', d.end);
      }
      out.insert('\n', s.end);
    } else if (s.type === 'ClassDeclaration' && s.id !== null) {
      names.add(s.id.name);
      out.insert(`${s.id.name} = `, s.start);
      copy(s.start, s.end);
      out.insert(';\n', s.end);
    } else if (s === last && s.type === 'ExpressionStatement') {
      out.insert(`${RESULT}.value = (`, s.start);
      copy(s.expression.start, s.expression.end);
      out.insert(');\n', s.end);
    } else {
      copy(s.start, s.end);
      out.insert('\n', s.end);
    }
  }
  out.insert('} })', js.length);
  return { source: out.toString(), names: [...names], hasValue, jsOffset: (o) => out.originalOffset(o) };
}

/** `export <declaration>` is the declaration; `export default <expr>` the expression; other exports vanish. */
function unwrapExport(s: Statement | ModuleDeclaration): Statement | ModuleDeclaration | null {
  if (s.type === 'ExportNamedDeclaration') return s.declaration ?? null;
  if (s.type === 'ExportAllDeclaration') return null;
  if (s.type === 'ExportDefaultDeclaration') {
    const d = s.declaration;
    if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') return d.id === null ? null : (d as Statement);
    return { type: 'ExpressionStatement', expression: d, start: d.start, end: d.end } as Statement;
  }
  return s;
}

/** Every name a binding pattern binds. */
export function boundNames(p: Pattern): string[] {
  switch (p.type) {
    case 'Identifier':
      return [p.name];
    case 'ObjectPattern':
      return p.properties.flatMap((prop) => boundNames(prop.type === 'RestElement' ? prop.argument : prop.value));
    case 'ArrayPattern':
      return p.elements.flatMap((e) => (e === null ? [] : boundNames(e)));
    case 'RestElement':
      return boundNames(p.argument);
    case 'AssignmentPattern':
      return boundNames(p.left);
    default:
      return [];
  }
}

/** The `import(...)` calls anywhere in the program, in source order: where each starts and where its argument starts. */
function collectImportExpressions(program: Program): { start: number; end: number; sourceStart: number }[] {
  const found: { start: number; end: number; sourceStart: number }[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const c of n) visit(c);
      return;
    }
    if (typeof n !== 'object' || n === null || typeof (n as Node).type !== 'string') return;
    const node = n as Node & { source?: Node };
    if (node.type === 'ImportExpression' && node.source !== undefined) {
      found.push({ start: node.start, end: node.end, sourceStart: node.source.start });
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && k !== 'loc') visit(v);
  };
  visit(program);
  return found.sort((a, b) => a.start - b.start);
}
