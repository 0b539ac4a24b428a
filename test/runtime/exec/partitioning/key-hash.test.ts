import { describe, expect, it } from 'vitest';
import { canonicalKey, doubleHashCode, keyHashCode } from '../../../../runtime/exec/partitioning/key-hash.ts';
import { RivuletError } from '../../../../runtime/errors/rivulet-error.ts';

describe('keyHashCode', () => {
  it('returns int32 integers unchanged, like Integer.hashCode', () => {
    for (const n of [0, 1, -1, 42, 2 ** 31 - 1, -(2 ** 31)]) expect(keyHashCode(n)).toBe(n);
  });

  it('treats -0 as 0', () => {
    expect(keyHashCode(-0)).toBe(0);
    expect(Object.is(keyHashCode(-0), 0)).toBe(true);
  });

  it('hashes other safe integers like Java Long.hashCode', () => {
    expect(keyHashCode(2 ** 40 + 5)).toBe(261);
    expect(keyHashCode(-(2 ** 33))).toBe(-2);
    expect(keyHashCode(-5_000_000_000)).toBe(705032702);
    expect(keyHashCode(Number.MAX_SAFE_INTEGER)).toBe(-2097152);
    expect(keyHashCode(Number.MIN_SAFE_INTEGER)).toBe(-2097151);
  });

  it('hashes non-integer numbers like Java Double.hashCode', () => {
    expect(keyHashCode(1.5)).toBe(1073217536);
    expect(keyHashCode(-1.5)).toBe(-1074266112);
    expect(keyHashCode(0.1)).toBe(-1507852285);
    expect(keyHashCode(1e300)).toBe(-164130400);
    expect(keyHashCode(NaN)).toBe(2146959360);
  });

  it('keeps Java semantics in doubleHashCode itself, where -0.0 differs from 0.0', () => {
    expect(doubleHashCode(-0)).toBe(-(2 ** 31));
    expect(doubleHashCode(0)).toBe(0);
  });

  it('hashes strings like Java String.hashCode over UTF-16 code units', () => {
    expect(keyHashCode('')).toBe(0);
    expect(keyHashCode('a')).toBe(97);
    expect(keyHashCode('abc')).toBe(96354);
    expect(keyHashCode('hello')).toBe(99162322);
    expect(keyHashCode('Flink')).toBe(67968320);
    expect(keyHashCode('😀')).toBe(1772899);
    expect(keyHashCode('Aa')).toBe(keyHashCode('BB'));
  });

  it('hashes booleans, null and undefined like Java', () => {
    expect(keyHashCode(true)).toBe(1231);
    expect(keyHashCode(false)).toBe(1237);
    expect(keyHashCode(null)).toBe(0);
    expect(keyHashCode(undefined)).toBe(0);
  });

  it('hashes bigints and Dates like Java Long.hashCode', () => {
    expect(keyHashCode(2n ** 40n + 5n)).toBe(261);
    expect(keyHashCode(-(2n ** 33n))).toBe(-2);
    expect(keyHashCode(5n)).toBe(5);
    expect(keyHashCode(new Date(2 ** 40 + 5))).toBe(261);
    expect(keyHashCode(new Date(1700000000123))).toBe(-807048720);
  });

  it('hashes arrays like a Flink Tuple', () => {
    expect(keyHashCode([])).toBe(0);
    expect(keyHashCode([7])).toBe(7);
    expect(keyHashCode([1, 2])).toBe(33);
    expect(keyHashCode(['a', 7, true])).toBe(94665); // Tuple3.of("a", 7, true).hashCode() in Java
  });

  it('gives objects with the same fields the same hash, whatever the field order', () => {
    expect(keyHashCode({ a: 1, b: 'x' })).toBe(keyHashCode({ b: 'x', a: 1 }));
    expect(keyHashCode({ a: 1, b: 'x' })).not.toBe(keyHashCode({ a: 1, b: 'y' }));
  });

  it('refuses functions, symbols and cyclic keys with a RivuletError', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    for (const bad of [() => 1, Symbol('s'), cyclic, { self: cyclic }]) {
      expect(() => keyHashCode(bad)).toThrow(RivuletError);
    }
  });
});

describe('canonicalKey', () => {
  it('returns numbers and ordinary strings unchanged', () => {
    expect(canonicalKey(42)).toBe(42);
    expect(canonicalKey(1.5)).toBe(1.5);
    expect(canonicalKey('hello')).toBe('hello');
    expect(canonicalKey('')).toBe('');
  });

  it('encodes everything else as a string starting with NUL, independent of field order', () => {
    const k = canonicalKey({ b: [1, 'x'], a: true });
    expect(typeof k).toBe('string');
    expect(String(k).startsWith('\u0000')).toBe(true);
    expect(k).toBe(canonicalKey({ a: true, b: [1, 'x'] }));
  });

  it('keeps keys of different types apart', () => {
    const keys: unknown[] = [1, '1', [1], ['1'], 1n, true, 'true', null, 'null', undefined, {}, [], new Date(1), { a: undefined, b: 1 }, { b: 2 }];
    const encoded = keys.map(canonicalKey);
    expect(new Set(encoded).size).toBe(keys.length);
  });

  it('never lets a user string collide with an encoded key, even one starting with NUL', () => {
    const encodedTrue = canonicalKey(true);
    expect(canonicalKey(encodedTrue)).not.toBe(encodedTrue);
    expect(canonicalKey('\u0000x')).toBe(canonicalKey('\u0000x'));
  });

  it('gives equal hash codes to keys with equal canonical forms', () => {
    const pairs: [unknown, unknown][] = [
      [[-0, 'a'], [0, 'a']],
      [{ x: 1, y: [NaN] }, { y: [NaN], x: 1 }],
      [new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 1]])],
      [new Set([3, 1, 2]), new Set([1, 2, 3])],
      [{ a: 1, gone: undefined }, { a: 1 }],
    ];
    for (const [a, b] of pairs) {
      expect(canonicalKey(a)).toBe(canonicalKey(b));
      expect(keyHashCode(a)).toBe(keyHashCode(b));
    }
  });
});
