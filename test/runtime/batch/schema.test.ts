// The schema the batch mode infers from rows: nested objects flattened into dotted columns in field order,
// each column with one type, optional when some rows lack it, integral when every value is an integer; the
// same whether every row has the first row's shape (the compiled fast pass) or not (the general walk).
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../../../runtime/batch/schema.ts';

const columns = (rows: unknown[]) => inferSchema(rows).columns.map((c) => `${c.name}:${c.type}${c.optional ? '?' : ''}${c.integral === true ? ' int' : ''}`);

describe('inferSchema', () => {
  const rows = Array.from({ length: 50 }, (_, i) => ({ t: i * 10, e: { auction: i % 7, price: i + 0.5, name: `n${i}`, ok: i % 2 === 0 }, n: i }));

  it('flattens nested objects into dotted columns in field order, with their types and integers', () => {
    expect(columns(rows)).toEqual(['t:number int', 'e.auction:number int', 'e.price:number', 'e.name:string', 'e.ok:boolean', 'n:number int']);
    expect(inferSchema(rows).columns[1]?.path).toEqual(['e', 'auction']);
  });

  it('finds the same columns when a later row differs in shape, and marks what some rows lack as optional', () => {
    // The general walk does not vouch for integers: its sums are added in arrival order.
    const uneven = [...rows, { t: 1, e: { auction: 2, price: 3, name: 'x', ok: true, extra: 'more' }, n: 0.5 }];
    expect(columns(uneven)).toEqual(['t:number', 'e.auction:number', 'e.price:number', 'e.name:string', 'e.ok:boolean', 'n:number', 'e.extra:string?']);
    const missing = [...rows, { t: 1, e: { auction: 2, price: 3, name: 'x' }, n: 1 }];
    expect(columns(missing)).toEqual(['t:number', 'e.auction:number', 'e.price:number', 'e.name:string', 'e.ok:boolean?', 'n:number']);
  });

  it('refuses a field of two types, or a nested object that is an array or a Date in another row', () => {
    expect(() => inferSchema([...rows, { t: 'late', e: rows[0]?.e, n: 1 }])).toThrow(/field "t" holds both numbers and strings/);
    expect(() => inferSchema([...rows, { t: 1, e: [1, 2, 3, 4], n: 1 }])).toThrow(/an array/);
    expect(() => inferSchema([...rows, { t: 1, e: new Date(0), n: 1 }])).toThrow(/Date/);
  });
});
