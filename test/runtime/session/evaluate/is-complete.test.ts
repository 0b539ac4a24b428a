import { describe, expect, it } from 'vitest';
import { isComplete } from '../../../../runtime/session/evaluate/is-complete.ts';

describe('isComplete', () => {
  it('calls whole statements complete, TypeScript included', () => {
    expect(isComplete('const x: number = 1')).toBe('complete');
    expect(isComplete('interface P { x: number }\nconst p: P = { x: 1 }')).toBe('complete');
    expect(isComplete('')).toBe('complete');
  });

  it('calls open brackets, blocks, templates, comments and dangling operators incomplete', () => {
    for (const code of ['const x = {', 'foo(1,', 'class A {\n  m() {', 'if (x)', 'x +', '`abc', '`a ${b', '/* note', 'const y ='])
      expect(isComplete(code), code).toBe('incomplete');
  });

  it('calls code that is wrong before its end invalid', () => {
    for (const code of [')', 'a b', "'abc", 'const 1x = 2', 'let x = }']) expect(isComplete(code), code).toBe('invalid');
  });
});
