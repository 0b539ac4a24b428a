// Translates a JavaScript lambda (parsed with acorn from fn.toString()) into a DuckDB SQL expression: field
// access, literals, arithmetic, comparison, logic, ternary, Math.*, common string methods, and object
// literals (with a spread of the row) for map results. Anything else throws an Untranslatable with the reason.
import * as acorn from 'acorn';
import { Untranslatable } from './untranslatable.ts';
import { quoteIdent, sqlString, type ColumnType, type Schema } from './schema.ts';
import { ARITHMETIC, COMPARISON, MATH, MATH_CONSTANTS, STRING_METHODS } from './js-builtins-sql.ts';

export { Untranslatable };

export interface Expr {
  sql: string;
  type: ColumnType;
}

/** A map result: named columns in the order of the object literal, or one unnamed value. */
export type Projection = { kind: 'object'; columns: { name: string; expr: Expr }[] } | { kind: 'value'; expr: Expr };

type Node = acorn.Node & Record<string, any>;

/** Parses a one-parameter function and returns its parameter name and the expression it returns. */
export function parseLambda(f: Function): { param: string; body: Node } {
  const { params, body } = parseFunction(f, 1);
  return { param: params[0] as string, body };
}

/** Parses a function of `arity` plain parameters: their names and the expression it returns. */
export function parseFunction(f: Function, arity: number): { params: string[]; body: Node } {
  const src = f.toString();
  let program: Node;
  try {
    program = acorn.parse(`(${src})`, { ecmaVersion: 'latest' }) as Node;
  } catch {
    throw new Untranslatable('its source cannot be parsed (a method shorthand or native function?)');
  }
  const fnNode = (program.body[0] as Node).expression as Node;
  if (fnNode.type !== 'ArrowFunctionExpression' && fnNode.type !== 'FunctionExpression') {
    throw new Untranslatable('it is not a function expression');
  }
  if (fnNode.async || fnNode.generator) throw new Untranslatable('async and generator functions cannot be translated');
  const ps = fnNode.params as Node[];
  if (ps.length !== arity || ps.some((p) => p.type !== 'Identifier')) {
    throw new Untranslatable(arity === 1 ? 'only functions of one plain parameter (row => ...) can be translated' : `only functions of ${arity} plain parameters can be translated`);
  }
  const params = ps.map((p) => p.name as string);
  let body = fnNode.body as Node;
  if (body.type === 'BlockStatement') {
    const stmts = body.body as Node[];
    const only = stmts[0];
    if (stmts.length !== 1 || only === undefined || only.type !== 'ReturnStatement' || !only.argument) {
      throw new Untranslatable('only a body that is a single return statement can be translated');
    }
    body = only.argument as Node;
  }
  return { params, body };
}

export class LambdaTranslator {
  private readonly scopes: Scope[];

  /** `param` reads rows of `schema`; a join function has a second parameter (`other`), with table aliases. */
  constructor(param: string, schema: Schema, alias?: string, other?: Scope) {
    this.scopes = [{ param, schema, alias }, ...(other ? [other] : [])];
  }

  private scopeOf(name: string): Scope | undefined {
    return this.scopes.find((x) => x.param === name);
  }

  /** The projection of a map function's result. */
  projection(body: Node): Projection {
    const sub = this.nested(body);
    if (sub !== undefined) return { kind: 'object', columns: sub };
    const whole = body.type === 'Identifier' ? this.scopeOf(body.name) : undefined;
    if (whole !== undefined && !whole.schema.scalar) {
      return { kind: 'object', columns: whole.schema.columns.map((c) => ({ name: c.name, expr: { sql: ref(whole, c.name), type: c.type } })) };
    }
    if (body.type !== 'ObjectExpression') return { kind: 'value', expr: this.expr(body) };
    const columns: { name: string; expr: Expr }[] = [];
    const set = (name: string, expr: Expr): void => {
      const at = columns.findIndex((c) => c.name === name);
      if (at >= 0) columns[at] = { name, expr };
      else columns.push({ name, expr });
    };
    for (const p of body.properties as Node[]) {
      if (p.type === 'SpreadElement') {
        const spread = p.argument.type === 'Identifier' ? this.scopeOf(p.argument.name) : undefined;
        if (spread === undefined || spread.schema.scalar) {
          throw new Untranslatable('only a spread of the row itself ({ ...row, ... }) can be translated');
        }
        for (const c of spread.schema.columns) set(c.name, { sql: ref(spread, c.name), type: c.type });
        continue;
      }
      if (p.computed || p.kind !== 'init' || p.method) throw new Untranslatable('computed keys, getters and methods cannot be translated');
      const name = p.key.type === 'Identifier' ? p.key.name : String(p.key.value);
      set(name, this.expr(p.value));
    }
    return { kind: 'object', columns };
  }

  /** The field path of `row.a.b` (undefined when `n` is not a field of the row). */
  private pathOf(n: Node): { scope: Scope; path: string[] } | undefined {
    if (n.type !== 'MemberExpression') return undefined;
    const obj = n.object as Node;
    const prop = memberName(n);
    const scope = obj.type === 'Identifier' ? this.scopeOf(obj.name) : undefined;
    if (scope !== undefined) {
      if (prop === undefined) throw new Untranslatable('a computed field name cannot be translated');
      return { scope, path: [prop] };
    }
    const head = this.pathOf(obj);
    // A property of a field's value (name.length) is not a field.
    if (head === undefined || head.scope.schema.columns.some((c) => c.name === head.path.join('.'))) return undefined;
    if (prop === undefined) throw new Untranslatable('a computed field name cannot be translated');
    return { scope: head.scope, path: [...head.path, prop] };
  }

  /** The columns under a nested object of the row (`row.e` when the row has e.a, e.b), renamed to a, b. */
  private nested(n: Node): { name: string; expr: Expr }[] | undefined {
    const found = this.pathOf(n);
    if (found === undefined) return undefined;
    const prefix = found.path.join('.') + '.';
    const cols = found.scope.schema.columns.filter((c) => c.name.startsWith(prefix));
    if (cols.length === 0) return undefined;
    return cols.map((c) => ({ name: c.name.slice(prefix.length), expr: { sql: ref(found.scope, c.name), type: c.type } }));
  }

  /** A boolean condition with JavaScript's truthiness. */
  condition(body: Node): string {
    return truthy(this.expr(body));
  }

  expr(n: Node): Expr {
    switch (n.type) {
      case 'Literal':
        return literal(n.value);
      case 'TemplateLiteral':
        return this.template(n);
      case 'MemberExpression':
        return this.member(n);
      case 'Identifier':
        if (n.name === 'undefined') return { sql: 'NULL', type: 'null' };
        if (n.name === 'NaN') return { sql: "'NaN'::DOUBLE", type: 'number' };
        if (n.name === 'Infinity') return { sql: "'Infinity'::DOUBLE", type: 'number' };
        const scope = this.scopeOf(n.name);
        if (scope !== undefined && scope.schema.scalar) return { sql: ref(scope, 'value'), type: (scope.schema.columns[0] as { type: ColumnType }).type };
        if (scope !== undefined) throw new Untranslatable('the whole row is used as a value (only its fields can be translated)');
        throw new Untranslatable(`it refers to \`${n.name}\`, a variable outside the function (its value is not part of the source)`);
      case 'UnaryExpression':
        return this.unary(n);
      case 'BinaryExpression':
        return this.binary(n);
      case 'LogicalExpression':
        return this.logical(n);
      case 'ConditionalExpression': {
        const a = this.expr(n.consequent);
        const b = this.expr(n.alternate);
        return { sql: `(CASE WHEN ${truthy(this.expr(n.test))} THEN ${a.sql} ELSE ${b.sql} END)`, type: unify(a.type, b.type) };
      }
      case 'CallExpression':
        return this.call(n);
      case 'ChainExpression':
        return this.expr(n.expression);
      default:
        throw new Untranslatable(`a ${n.type} cannot be translated`);
    }
  }

  private member(n: Node): Expr {
    const obj = n.object as Node;
    const prop = memberName(n);
    const found = this.pathOf(n);
    if (found !== undefined) {
      const name = found.path.join('.');
      const cols = found.scope.schema.columns;
      const col = cols.find((c) => c.name === name);
      if (col === undefined) throw new Untranslatable(`the row has no field "${name}" (fields: ${cols.map((c) => c.name).join(', ')})`);
      return { sql: ref(found.scope, name), type: col.type };
    }
    if (obj.type === 'Identifier' && obj.name === 'Math' && prop !== undefined && Object.hasOwn(MATH_CONSTANTS, prop)) {
      return { sql: `(${MATH_CONSTANTS[prop]})`, type: 'number' };
    }
    if (prop === 'length') {
      const s = this.expr(obj);
      if (s.type !== 'string') throw new Untranslatable('.length is translated for strings only');
      return { sql: `length(${s.sql})::DOUBLE`, type: 'number' };
    }
    throw new Untranslatable(`the member access .${prop ?? '[...]'} cannot be translated`);
  }

  private unary(n: Node): Expr {
    const a = this.expr(n.argument);
    switch (n.operator) {
      case '-':
        return { sql: `(-${num(a)})`, type: 'number' };
      case '+':
        return { sql: num(a), type: 'number' };
      case '!':
        return { sql: `(NOT ${truthy(a)})`, type: 'boolean' };
      default:
        throw new Untranslatable(`the operator ${n.operator} cannot be translated`);
    }
  }

  private binary(n: Node): Expr {
    const a = this.expr(n.left);
    const b = this.expr(n.right);
    const op = n.operator as string;
    if (op === '+' && (a.type === 'string' || b.type === 'string')) {
      if (a.type !== b.type) throw new Untranslatable('+ of a string and a non-string cannot be translated (number formatting differs)');
      return { sql: `(${a.sql} || ${b.sql})`, type: 'string' };
    }
    if (Object.hasOwn(ARITHMETIC, op)) {
      if (a.type !== 'number' || b.type !== 'number') throw new Untranslatable(`${op} is translated for numbers only`);
      if (op === '**') return { sql: `pow(${a.sql}, ${b.sql})`, type: 'number' };
      if (op === '/') return { sql: `(${a.sql}::DOUBLE / ${b.sql})`, type: 'number' };
      // DuckDB's % on DOUBLE keeps the dividend's sign, as JavaScript's does (fmod does not).
      if (op === '%') return { sql: `(${a.sql} % ${b.sql})`, type: 'number' };
      return { sql: `(${a.sql} ${op} ${b.sql})`, type: 'number' };
    }
    const cmp = Object.hasOwn(COMPARISON, op) ? COMPARISON[op] : undefined;
    if (cmp !== undefined) {
      if ((op === '===' || op === '!==' || op === '==' || op === '!=') && (a.type === 'null' || b.type === 'null')) {
        const other = a.type === 'null' ? b : a;
        return { sql: `(${other.sql} IS ${op.startsWith('!') ? 'NOT ' : ''}NULL)`, type: 'boolean' };
      }
      if (a.type !== b.type) throw new Untranslatable(`${op} between a ${a.type} and a ${b.type} cannot be translated`);
      return { sql: `(${a.sql} ${cmp} ${b.sql})`, type: 'boolean' };
    }
    throw new Untranslatable(`the operator ${op} cannot be translated`);
  }

  private logical(n: Node): Expr {
    const a = this.expr(n.left);
    const b = this.expr(n.right);
    if (n.operator === '??') return { sql: `coalesce(${a.sql}, ${b.sql})`, type: unify(a.type, b.type) };
    if (a.type !== 'boolean' || b.type !== 'boolean') {
      throw new Untranslatable(`${n.operator} is translated between booleans only (it returns an operand in JavaScript)`);
    }
    return { sql: `(${a.sql} ${n.operator === '&&' ? 'AND' : 'OR'} ${b.sql})`, type: 'boolean' };
  }

  private template(n: Node): Expr {
    const parts: string[] = [];
    (n.quasis as Node[]).forEach((q, i) => {
      if (q.value.cooked !== '') parts.push(sqlString(q.value.cooked as string));
      const e = (n.expressions as Node[])[i];
      if (e === undefined) return;
      const x = this.expr(e);
      if (x.type !== 'string') throw new Untranslatable('template literals are translated with string parts only (number formatting differs)');
      parts.push(x.sql);
    });
    return { sql: parts.length === 0 ? "''" : `(${parts.join(' || ')})`, type: 'string' };
  }

  private call(n: Node): Expr {
    const callee = n.callee as Node;
    if (callee.type !== 'MemberExpression') throw new Untranslatable('only Math.* and string methods can be called');
    const name = memberName(callee);
    const args = (n.arguments as Node[]).map((a) => this.expr(a));
    if (callee.object.type === 'Identifier' && callee.object.name === 'Math') {
      const f = name === undefined || !Object.hasOwn(MATH, name) ? undefined : MATH[name];
      if (f === undefined) throw new Untranslatable(`Math.${name} cannot be translated`);
      for (const a of args) if (a.type !== 'number') throw new Untranslatable(`Math.${name} is translated for numbers only`);
      return { sql: f(args.map((a) => a.sql)), type: 'number' };
    }
    const target = this.expr(callee.object);
    const m = name === undefined || !Object.hasOwn(STRING_METHODS, name) ? undefined : STRING_METHODS[name];
    if (target.type !== 'string' || m === undefined) throw new Untranslatable(`the method .${name}() cannot be translated`);
    return m(target.sql, args);
  }
}

export interface Scope {
  param: string;
  schema: Schema;
  alias?: string | undefined;
}

function ref(scope: Scope, column: string): string {
  return scope.alias === undefined ? quoteIdent(column) : `${scope.alias}.${quoteIdent(column)}`;
}

function memberName(n: Node): string | undefined {
  if (!n.computed) return (n.property as Node).name as string;
  const p = n.property as Node;
  return p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number') ? String(p.value) : undefined;
}

function literal(v: unknown): Expr {
  if (typeof v === 'number') return { sql: Number.isInteger(v) ? `${v}::DOUBLE` : `(${v})::DOUBLE`, type: 'number' };
  if (typeof v === 'string') return { sql: sqlString(v), type: 'string' };
  if (typeof v === 'boolean') return { sql: v ? 'TRUE' : 'FALSE', type: 'boolean' };
  if (v === null) return { sql: 'NULL', type: 'null' };
  throw new Untranslatable(`the literal ${String(v)} cannot be translated`);
}

function unify(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'null') return a;
  if (a === 'null') return b;
  throw new Untranslatable(`the branches have different types (${a} and ${b})`);
}

function num(a: Expr): string {
  if (a.type !== 'number') throw new Untranslatable('arithmetic is translated for numbers only');
  return a.sql;
}

/** JavaScript truthiness as a SQL condition (false for NULL, 0, NaN and ''). */
export function truthy(a: Expr): string {
  if (a.type === 'boolean') return `coalesce(${a.sql}, FALSE)`;
  if (a.type === 'number') return `coalesce(${a.sql} <> 0 AND NOT isnan(${a.sql}), FALSE)`;
  if (a.type === 'string') return `coalesce(${a.sql} <> '', FALSE)`;
  return 'FALSE';
}
