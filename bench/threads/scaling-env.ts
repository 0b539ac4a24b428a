// What the scaling benchmark imports from Rivulet (one place, so that the benchmark reads like user code).
export { StreamEnvironment, Windows, agg, nexmark, type Bid } from '../../runtime/index.ts';
export type ExecutorKindOption = 'single' | 'threads';
