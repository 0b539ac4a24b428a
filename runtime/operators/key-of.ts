// Calls a keyBy key selector inside a keyed operator; an exception names keyBy (not the operator), whatever
// the parallelism (at parallelism 1 the exchange does not compute keys).
import { userFunctionFailed } from './user-function-error.ts';

export function keyOf(key: (row: any) => unknown, row: unknown): unknown {
  try {
    return key(row);
  } catch (e) {
    throw userFunctionFailed('keyBy', row, e);
  }
}
