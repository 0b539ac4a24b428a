// The lambda translator: each construct of the translatable subset, checked by running the translated SQL on
// DuckDB against the function itself on the same rows, and each refusal with its reason.
import { describe, expect, it } from 'vitest';
import { LambdaTranslator, parseLambda, Untranslatable } from '../../../runtime/batch/lambda-sql.ts';
import { inferSchema, quoteIdent } from '../../../runtime/batch/schema.ts';
import { duckdb, loadTable, queryRows } from '../../../runtime/batch/duckdb-session.ts';

const rows = [
  { id: 1, name: 'Ada', city: 'paris', price: 12.5, qty: -3, ok: true },
  { id: 2, name: 'bob', city: 'Oslo ', price: 0, qty: 7, ok: false },
  { id: 3, name: 'Cy', city: '', price: 99.99, qty: 0, ok: true },
  { id: 4, name: 'dora', city: 'berlin', price: -4.25, qty: 11, ok: false },
];
type Row = (typeof rows)[number];
const schema = inferSchema(rows);

async function evaluate(f: (r: Row) => unknown): Promise<unknown[]> {
  const { param, body } = parseLambda(f);
  const p = new LambdaTranslator(param, schema).projection(body);
  const con = await duckdb();
  await loadTable(con, 'lambda_rows', schema, rows);
  const select = p.kind === 'value' ? `${p.expr.sql} AS v` : p.columns.map((c) => `${c.expr.sql} AS ${quoteIdent(c.name)}`).join(', ');
  const { rows: out } = await queryRows(con, `SELECT ${select} FROM temp.lambda_rows ORDER BY __seq`);
  return p.kind === 'value' ? out.map((r) => r.v) : out;
}

async function condition(f: (r: Row) => unknown): Promise<boolean[]> {
  const { param, body } = parseLambda(f);
  const cond = new LambdaTranslator(param, schema).condition(body);
  const con = await duckdb();
  await loadTable(con, 'lambda_rows', schema, rows);
  const { rows: out } = await queryRows(con, `SELECT ${cond} AS c FROM temp.lambda_rows ORDER BY __seq`);
  return out.map((r) => r.c as boolean);
}

const values: [string, (r: Row) => unknown][] = [
  ['arithmetic', (r) => (r.price * 2 + r.qty) / 4 - 1],
  ['remainder with the sign of the dividend', (r) => r.qty % 4],
  ['exponent', (r) => r.qty ** 2],
  ['a ternary', (r) => (r.qty > 0 ? r.price : -r.price)],
  ['Math functions', (r) => Math.abs(r.qty) + Math.floor(r.price) + Math.ceil(r.price) + Math.max(r.qty, 2, r.id) + Math.min(r.qty, 0)],
  ['Math.round rounding halves up', (r) => Math.round(r.qty / 2)],
  ['Math.sqrt, Math.pow and Math.sign', (r) => Math.sqrt(r.id) + Math.pow(r.id, 3) + Math.sign(r.qty)],
  ['string methods', (r) => r.name.toUpperCase() + '-' + r.city.trim().toLowerCase()],
  ['string length and slice', (r) => r.name.length + r.city.slice(1, 3).length],
  ['a template literal', (r) => `${r.name} in ${r.city}`],
  ['a comparison', (r) => r.price >= 12.5],
  ['startsWith, endsWith and includes', (r) => r.city.startsWith('b') || r.name.endsWith('a') || r.city.includes('sl')],
  ['a block body with one return', (r) => {
    return r.id * 10;
  }],
  ['a function expression', function (r: Row) {
    return r.id + 1;
  }],
];

describe('translated lambdas compute what the function computes', () => {
  for (const [what, f] of values) {
    it(`translates ${what}`, async () => {
      expect(await evaluate(f)).toEqual(rows.map(f));
    });
  }

  it('translates an object literal with a spread of the row as the map result', async () => {
    const f = (r: Row) => ({ ...r, price: r.price * 2, label: r.name + '!' });
    expect(await evaluate(f)).toEqual(rows.map(f));
  });

  it("translates a filter with JavaScript's truthiness of numbers, strings and booleans", async () => {
    for (const f of [(r: Row) => r.qty, (r: Row) => r.city, (r: Row) => r.ok && r.qty > 0, (r: Row) => !r.ok, (r: Row) => r.price !== 0 || r.city === '']) {
      expect(await condition(f)).toEqual(rows.map((r) => Boolean(f(r))));
    }
  });
});

const threshold = 3;
const refusals: [string, (r: Row) => unknown, RegExp][] = [
  ['a variable outside the function', (r) => r.qty > threshold, /refers to `threshold`, a variable outside the function/],
  ['a member of another object', (r) => r.qty > (globalThis as any).limit, /member access \.limit/],
  ['an unknown field', (r) => (r as any).missing + 1, /no field "missing"/],
  ['a method that is not translated', (r) => r.name.replace('a', 'b'), /\.replace\(\) cannot be translated/],
  ['a string plus a number', (r) => r.name + r.id, /string and a non-string/],
  ['&& between numbers', (r) => r.qty && r.id, /between booleans only/],
  ['a call of another function', (r) => JSON.stringify(r.id), /refers to `JSON`/],
  ['a use of the whole row', (r) => [r].length, /ArrayExpression cannot be translated/],
  ['a statement body', (r) => {
    const x = r.id;
    return x;
  }, /single return statement/],
];

describe('lambdas outside the subset are refused with the reason', () => {
  for (const [what, f, reason] of refusals) {
    it(`refuses ${what}`, () => {
      const translate = (): unknown => {
        const { param, body } = parseLambda(f);
        return new LambdaTranslator(param, schema).projection(body);
      };
      expect(translate).toThrow(Untranslatable);
      expect(translate).toThrow(reason);
    });
  }

  it('refuses functions of two parameters and destructured parameters', () => {
    expect(() => parseLambda((a: number, b: number) => a + b)).toThrow(/one plain parameter/);
    expect(() => parseLambda(({ id }: Row) => id)).toThrow(/one plain parameter/);
  });
});
