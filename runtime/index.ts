// Rivulet's public entry: everything a pipeline, a front end or a test needs, and nothing else.
export { StreamEnvironment, type EnvironmentOptions, type GeneratorOptions } from './api/stream-environment.ts';
export { DataStream, type WatermarkOptions, type WithOp } from './api/data-stream.ts';
export type { RecordingOptions } from './connectors/recording/recording-stream.ts';
export type { RecordingHeader } from './connectors/recording/recording-format.ts';
export { KeyedStream } from './api/keyed-stream.ts';
export {
  WindowedStream,
  AllWindowedStream,
  WindowedResultStream,
  type AggregateRow,
  type WindowFields,
} from './api/windowed-stream.ts';
export { JobHandle, type JobResult } from './api/job-handle.ts';
export type { JobStatus } from './exec/job.ts';
export type { MetricsSnapshot } from './exec/job-metrics.ts';
export { Windows, type WindowAssigner, type TimeDomain } from './time/windows/window-assigner.ts';
export { agg } from './operators/aggregates/builtins.ts';
export type { AggregateFunction } from './operators/aggregates/aggregate-function.ts';
export type { Collector } from './operators/flat-map.ts';
export type { ProcessWindowFunction, ProcessWindowContext, WindowInfo } from './operators/window/window-contents.ts';
export type { RowKind } from './exec/batch.ts';
export { WallClock, VirtualClock, type Clock } from './time/clock.ts';
export { RivuletError } from './errors/rivulet-error.ts';
export type { ErrorCode } from './errors/catalog.ts';
export { partitioning, keyGroupOf, type PartitionerKind } from './exec/partitioning/index.ts';
export { nexmark } from './generators/nexmark/index.ts';
export type { Generator } from './generators/generator.ts';
export type { Bid, Auction, Person, NexmarkEvent } from './generators/nexmark/model.ts';
export type { SinkFunction } from './connectors/function-sink.ts';
export { renderTextTable, type TextTableOptions } from './views/text-table.ts';
import './views/environment-views.ts';
export { View } from './views/view.ts';
export { ChartView } from './views/chart-view.ts';
export type { ViewOptions } from './views/view-options.ts';
export type { ChartViewOptions } from './views/create-view.ts';
export type { ViewProgress } from './views/progress.ts';
export type { KeyOption } from './views/primary-key.ts';
export type { SortKey, SortOption } from './views/view-order.ts';
export { renderHtmlTable, escapeHtml, type HtmlTableOptions } from './views/html-table.ts';
export type { ChartOptions, ChartMark } from './views/chart/chart-options.ts';
export type { DisplayTarget, DisplayHints, MimeBundle } from './session/display-target.ts';
export { setDisplayTarget, getDisplayTarget } from './session/display-registry.ts';
export { NodeDisplayTarget, type NodeTargetOptions } from './session/node-target.ts';
export { TslabDisplayTarget, findTslab } from './session/tslab-target.ts';
export { RecordingDisplayTarget, type RecordedDisplay } from './session/recording-target.ts';
export { ProcessedStream } from './api/processed-stream.ts';
export { OutputTag } from './operators/process/output-tag.ts';
export type {
  KeyedProcessFunction,
  KeyedProcessContext,
  OnTimerContext,
  TimerContext,
  ProcessOpenContext,
  ProcessElementFunction,
  ProcessFunctionLike,
} from './operators/process/process-function.ts';
export type { KeyedStateStore } from './operators/process/state-store.ts';
export type { ValueState } from './operators/process/value-state.ts';
export type { ListState } from './operators/process/list-state.ts';
export type { MapState } from './operators/process/map-state.ts';
export type { StateDescriptor, StateTtlConfig, TtlUpdate, TtlVisibility } from './operators/process/state-descriptor.ts';
export { JoinedStreams, JoinWhere, JoinEqualTo, WindowedJoin } from './api/joined-streams.ts';
export { IntervalJoin, IntervalJoined } from './api/interval-join.ts';
export { JoinResultStream, IntervalJoinResultStream } from './api/join-result-stream.ts';
export type { JoinFunction, ProcessWindowJoinFunction, WindowJoinContext } from './operators/join/window-join.ts';
export type { IntervalJoinContext, ProcessJoinFunction } from './operators/join/interval-join-operator.ts';
export type { Tagged, JoinSide } from './operators/join/join-tag.ts';
export { FileSourceStream, type CsvOptions, type JsonlOptions } from './api/file-source-stream.ts';
export type { DeadLetter } from './connectors/files/dead-letter.ts';
export type { ColumnType } from './connectors/files/column-types.ts';
// Replay for teaching: env.replay (pause, step, seek), lineage and explain, the watermark timeline, generators.
import './session/replay/environment-replay.ts';
export { ReplayController, type ReplayState, type ReplayStatus } from './session/replay/replay-controller.ts';
export type { ReplayProgress } from './exec/job-metrics.ts';
export { sensors, type SensorReading, type SensorOptions } from './generators/sensors.ts';
export { clicks, type Click, type ClickAction, type ClickOptions } from './generators/clicks.ts';
export { trades, type Trade, type TradeOptions } from './generators/trades.ts';
import './lineage/environment-lineage.ts';
export { explain, type ExplainTarget } from './lineage/explain.ts';
export { Explanation, type ExplanationRow } from './lineage/explanation.ts';
export { TimelineChart, type TimelineRow } from './lineage/timeline-chart.ts';
export type { LineageRecord, LateRecord } from './lineage/lineage-store.ts';
// Worker-thread executor (executor: 'threads').
export type { ExecutorKind } from './exec/threads/plan-for-executor.ts';

// DuckDB batch mode: collect({ engine: 'duckdb' }), explain({ engine: 'duckdb' }), env.register / env.sql
import './batch/index.ts';
export type { CollectOptions } from './api/batch-hooks.ts';
export type { CollectedRows } from './batch/index.ts';
export type { SqlSource } from './batch/environment-sql.ts';
