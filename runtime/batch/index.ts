// The DuckDB batch mode: plugs collect({ engine }) and explain({ engine: 'duckdb' }) into DataStream, and
// env.register / env.sql into StreamEnvironment. Imported by runtime/index.ts.
import { batchHooks } from '../api/batch-hooks.ts';
import { collectWith, explainBatch } from './run-batch.ts';
import './environment-sql.ts';

batchHooks.collect = collectWith;
batchHooks.explain = (stream) => explainBatch(stream);

export type { CollectedRows } from './run-batch.ts';
