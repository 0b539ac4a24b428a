// How the REPL shows a result: util.inspect, coloured on a terminal (a view shows its text table through its
// own inspect), arrays of rows up to 100 items deep enough to see a row's fields.
import { inspect } from 'node:util';

export function formatValue(value: unknown, colors: boolean): string {
  return inspect(value, { colors, depth: 4, maxArrayLength: 100, breakLength: 100 });
}
