// Where the DuckDB batch mode plugs into DataStream.collect(options) and explain({ engine }): runtime/batch
// fills these in when runtime/index.ts imports it, so that the API does not depend on DuckDB.
import { RivuletError } from '../errors/rivulet-error.ts';
import type { DataStream } from './data-stream.ts';

/** `engine`: 'streaming' (the default), 'duckdb' (compile to one SQL query), or 'auto' (DuckDB when it can). */
export interface CollectOptions {
  engine?: 'streaming' | 'duckdb' | 'auto';
}

const missing = (): never => {
  throw new RivuletError('BAD_ARGUMENT', {
    where: 'collect',
    name: 'engine',
    expected: "'streaming' (the DuckDB batch mode is not loaded)",
    got: 'duckdb',
    hint: "Import from 'rivulet' (runtime/index.ts), which loads the batch mode.",
  });
};

export const batchHooks: {
  collect: (stream: DataStream<any>, options: CollectOptions) => Promise<unknown[]>;
  explain: (stream: DataStream<any>, options: { engine: 'duckdb' }) => string;
} = { collect: missing, explain: missing };
