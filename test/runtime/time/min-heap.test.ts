import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../runtime/time/min-heap.ts';

describe('MinHeap', () => {
  it('pops numbers in ascending order, duplicates and negatives included', () => {
    const h = new MinHeap();
    for (const x of [5, -3, 9, 0, 5, -Infinity, 2, 2, 100]) h.push(x);
    expect(h.size).toBe(9);
    expect(h.peek()).toBe(-Infinity);
    const out: number[] = [];
    while (h.size > 0) out.push(h.pop());
    expect(out).toEqual([-Infinity, -3, 0, 2, 2, 5, 5, 9, 100]);
  });

  it('stays ordered when pushes and pops interleave', () => {
    const h = new MinHeap();
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 1000;
    const model: number[] = [];
    for (let i = 0; i < 2000; i++) {
      if (model.length > 0 && rand() % 3 === 0) {
        model.sort((a, b) => a - b);
        expect(h.pop()).toBe(model.shift());
      } else {
        const x = rand();
        h.push(x);
        model.push(x);
      }
      expect(h.size).toBe(model.length);
    }
  });
});
