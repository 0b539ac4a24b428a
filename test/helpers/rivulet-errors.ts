// Catching the RivuletError a call throws or a promise rejects with, failing the test when there is none.
import { expect } from 'vitest';
import { RivuletError } from '../../runtime/index.ts';

/** The RivuletError `f` throws. */
export function error(f: () => unknown): RivuletError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RivuletError);
    return e as RivuletError;
  }
  throw new Error('expected a RivuletError');
}

/** The RivuletError `p` rejects with. */
export async function rejection(p: Promise<unknown>): Promise<RivuletError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RivuletError);
    return e as RivuletError;
  }
  throw new Error('expected a rejection');
}
