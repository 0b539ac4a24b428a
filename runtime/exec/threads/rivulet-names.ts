// The Rivulet names a function may use when it runs in a worker thread: closure-check.ts accepts them as free
// variables, and decode-value.ts puts them in scope (a leaf module, so that workers need no parser).
export const RIVULET_NAMES = ['agg', 'Windows', 'OutputTag', 'RivuletError', '__name'] as const;
