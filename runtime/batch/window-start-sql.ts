// The start of the aligned window (or pane, or slice) an SQL time expression falls in, as the streaming
// engine's windowStart computes it: x minus its non-negative remainder after `offset`, modulo `step`.
export function windowStartSql(x: string, offset: number, step: number): string {
  return `(${x} - (((((${x}) - ${offset}) % ${step}) + ${step}) % ${step}))`;
}
