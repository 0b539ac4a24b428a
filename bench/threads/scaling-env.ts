// What the scaling benchmark imports from Rivulet (one place, so that the benchmark reads like user code).
export { StreamEnvironment, Windows, agg, nexmark, type Bid, type DataStream, type ExecutorKind as ExecutorKindOption } from '../../runtime/index.ts';
export { setSourceReplication } from '../../runtime/exec/threads/source-replication.ts';
