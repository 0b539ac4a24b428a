// The catalog of every message a RivuletError can carry: a code, what was wrong, and what to do.
// Keeping them in one place keeps the wording consistent and lets tests and docs refer to codes.

type Detail = Record<string, unknown>;
interface Entry {
  what: (d: Detail) => string;
  todo: (d: Detail) => string;
}

const show = (v: unknown): string => {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(v);
  }
};

export const catalog = {
  BAD_ARGUMENT: {
    what: (d) => `${d.where}: ${d.name} must be ${d.expected}, got ${show(d.got)}.`,
    todo: (d) => String(d.hint ?? `Pass ${d.expected}.`),
  },
  BAD_PARALLELISM: {
    what: (d) => `parallelism must be an integer between 1 and maxParallelism (${d.maxParallelism}), got ${show(d.got)}.`,
    todo: () => 'Use e.g. new StreamEnvironment({ parallelism: 4 }); raise maxParallelism if you need more partitions.',
  },
  BAD_MAX_PARALLELISM: {
    what: (d) => `maxParallelism must be an integer between 1 and 32768, got ${show(d.got)}.`,
    todo: () => 'Leave it at the default (128) unless you need more than 128 partitions.',
  },
  BAD_TIMESTAMP: {
    what: (d) => `The timestamp function returned ${show(d.got)} for record ${show(d.record)}; timestamps must be finite numbers of milliseconds.`,
    todo: () => 'Return a number (e.g. r => r.dateTime) or a Date; check the field name.',
  },
  NO_TIMESTAMPS: {
    what: (d) => `${d.operation} uses event time, but the stream has no timestamps.`,
    todo: () => 'Call .withWatermarks({ timestamp: r => r.time, maxOutOfOrderness: ms }) on the source first, or use a processing-time window (Windows.tumbling(size, { time: "processing" })).',
  },
  WINDOW_ON_UNKEYED: {
    what: () => 'window() needs a keyed stream.',
    todo: () => 'Call .keyBy(...) before .window(...), or use .windowAll(...) for one window over the whole stream (parallelism 1).',
  },
  UNBOUNDED_COLLECT: {
    what: (d) => `collect() needs a bounded stream, but source "${d.source}" is unbounded.`,
    todo: () => 'Bound it with .take(n), give the generator a count ({ count: n }), or watch it live with .view() / .print() and env.execute().',
  },
  CHANGELOG_INPUT: {
    what: (d) => `${d.operation} needs an append-only stream, but its input is a changelog (it retracts rows).`,
    todo: () => 'Apply it before the rolling aggregate / reduce, or use .changelog() to turn the changes into plain rows first.',
  },
  JOB_STOPPED: {
    what: (d) => `The job was stopped before ${d.what} was complete.`,
    todo: () => 'Run it again without stopping it, or bound the stream with .take(n) to get part of it.',
  },
  SNAPSHOT_CORRUPT: {
    what: (d) => `Cannot restore the snapshot in ${d.dir}: ${d.file} ${d.problem}.`,
    todo: () => 'The snapshot is damaged; restore an earlier one (a checkpoint directory keeps several), or start without restoring.',
  },
  SNAPSHOT_FORMAT: {
    what: (d) => `Cannot restore the snapshot in ${d.dir}: its format version is ${show(d.got)}, this Rivulet reads version ${d.expected}.`,
    todo: () => 'Restore it with the Rivulet version that wrote it, or start without restoring.',
  },
  NO_SNAPSHOT: {
    what: (d) => `No complete snapshot in ${d.dir}${d.reason ? ` (${d.reason})` : ''}.`,
    todo: () => 'Pass a directory written by env.snapshot(dir), or a checkpoint directory with at least one complete checkpoint; or start without restoring.',
  },
  SNAPSHOT_EXISTS: {
    what: (d) => `Cannot write a snapshot to ${d.dir}: it already exists.`,
    todo: () => 'Choose a new directory (snapshots are never overwritten), or delete the old one first.',
  },
  SNAPSHOT_MISMATCH: {
    what: (d) => `Cannot restore the snapshot in ${d.dir} into this pipeline: ${d.problem}`,
    todo: (d) => String(d.hint ?? 'Restore into the pipeline that took the snapshot; give operators stable ids with .uid("name") so that you can change the rest of the pipeline.'),
  },
  SNAPSHOT_STATE: {
    what: (d) => `Cannot snapshot the state of ${d.operator}: ${d.message}`,
    todo: () => 'State must be plain data (objects, arrays, Map, Set, Date, numbers, strings); keep functions and class instances out of accumulators and state.',
  },
  NO_RUNNING_JOB: {
    what: (d) => `${d.what} needs a running or paused job, and none is running.`,
    todo: () => 'Start the job first (const job = env.execute()), then snapshot it.',
  },
  SINK_FILE_CHANGED: {
    what: (d) => `Cannot restore the file sink: ${d.path} ${d.problem}.`,
    todo: () => 'The output file was changed or deleted after the snapshot; restore it, or start the job without restoring (the sink then rewrites the file).',
  },
  BAD_TAKE: {
    what: (d) => `take(n) needs a non-negative integer n, got ${show(d.got)}.`,
    todo: () => 'Pass the number of rows to keep, e.g. .take(100).',
  },
  NO_SINKS: {
    what: () => 'env.execute() found nothing to run: no sink is attached to any stream.',
    todo: () => 'Attach a sink first, e.g. stream.print(), or use await stream.collect().',
  },
  USER_FUNCTION_FAILED: {
    what: (d) => `The function passed to ${d.operation} threw on record ${show(d.record)}: ${d.message}`,
    todo: () => 'Fix the function or filter such records out before this step; the job was stopped.',
  },
  MIXED_ENVIRONMENTS: {
    what: () => 'These streams belong to different StreamEnvironments.',
    todo: () => 'Build every stream of one pipeline from the same env.',
  },
  UNKNOWN_AGGREGATE: {
    what: (d) => `aggregate(): "${d.name}" is not an aggregate function (got ${show(d.got)}).`,
    todo: () => 'Use agg.count(), agg.sum(f), agg.min(f), agg.max(f), agg.avg(f), agg.first(f), agg.last(f), agg.distinct(f), agg.collect(f), or an object with createAccumulator/add/merge/result.',
  },
  RESERVED_FIELD: {
    what: (d) => `aggregate(): the output field "${d.name}" is reserved for window results.`,
    todo: () => 'Rename it (key, windowStart and windowEnd are set by the window).',
  },
  ROW_NOT_OBJECT: {
    what: (d) => `${d.operation} expects records that are objects, got ${show(d.got)}.`,
    todo: () => 'Map the records to objects first, or pass a key function instead of a field name.',
  },
  BAD_STATE_DESCRIPTOR: {
    what: (d) => `${d.where}: ${d.problem}, got ${show(d.got)}.`,
    todo: () =>
      'Pass a state name ("count") or { name, ttl?: { ttlMs, update?: "onCreateAndWrite" | "onReadAndWrite", visibility?: "neverReturnExpired" | "returnExpiredIfNotCleanedUp" } }.',
  },
  STATE_REDECLARED: {
    what: (d) => `State "${d.name}" was first declared as ${d.before} and is now asked for as ${d.now}.`,
    todo: () => 'Use one descriptor per state name: the same kind (value, list or map) and the same ttl wherever it is used.',
  },
  NO_KEY_CONTEXT: {
    what: (d) => `${d.what} needs the current key, and there is none here (state and timers are per key).`,
    todo: () => 'Get state handles in open() if you like, but read, write and register timers only inside processElement or onTimer.',
  },
  BAD_INTERVAL: {
    what: (d) => `intervalJoin: between(${show(d.lower)}, ${show(d.upper)}) has its lower bound above its upper bound.`,
    todo: () => 'Pass lower <= upper (ms): a right element joins a left one when left.ts + lower <= right.ts <= left.ts + upper, e.g. .between(-5000, 5000).',
  },
  UNKNOWN_VIEW: {
    what: (d) => `No view is named ${show(d.name)}${(d.known as string[]).length > 0 ? ` (views: ${(d.known as string[]).join(', ')})` : ' (this environment has no views)'}.`,
    todo: () => 'Create it first with stream.view({ name }) or stream.chart({ name, ... }), or use one of the names listed.',
  },
  FILE_NOT_FOUND: {
    what: (d) => `${d.where}: the file ${show(d.path)} ${d.problem ?? 'does not exist or cannot be read'}.`,
    todo: () => 'Check the path (a relative path starts at the current directory, ' + JSON.stringify(process.cwd()) + ') and that the file is readable.',
  },
  BAD_FILE_HEADER: {
    what: (d) => `The file ${show(d.path)} cannot be read as described: ${d.problem}.`,
    todo: () => 'Fix the header line, or pass header: false with a schema naming the columns in order; check the delimiter.',
  },
  CELL_IMPORT_NOT_FOUND: {
    what: (d) => `Cannot find module ${show(d.specifier)} imported by a cell running in ${d.cwd}.`,
    todo: (d) => `Check the spelling, or install it there (npm install ${String(d.specifier).replace(/^((?:@[^/]+\/)?[^/]+).*$/, '$1')}); relative paths are taken from that directory.`,
  },
  BAD_RECORDING: {
    what: (d) => `The file ${show(d.path)} is not a Rivulet recording: ${d.problem}.`,
    todo: () => 'Pass a file written by stream.record(path): its first line is a header { "rivulet": "recording", "version": 1, ... }.',
  },
  RECORDING_VERSION: {
    what: (d) => `The recording ${show(d.path)} has format version ${show(d.got)}; this Rivulet reads version ${d.supported}.`,
    todo: () => 'Record it again with this version of Rivulet (stream.record(path)), or replay it with the version that wrote it.',
  },
  RECORD_CHANGELOG: {
    what: (d) => `record(${show(d.path)}): the stream is a changelog (updates and retractions); a recording holds append-only events.`,
    todo: () => 'Record the input of the aggregation instead, or call .changelog() first to record each change as a row with its op.',
  },
  // The terminal REPL (repl/)
  REPL_USAGE: {
    what: (d) => `.${d.command}: ${d.problem}.`,
    todo: (d) => `Usage: ${d.usage}`,
  },
  NO_ENVIRONMENT: {
    what: (d) => `${d.what} needs a stream environment, and ${d.found}.`,
    todo: () => 'Create one named env (const env = new StreamEnvironment()), or keep only one environment in your names.',
  },
  // Replay, lineage and explain (env.replay, env.enableLineage, explain).
  REPLAY_NO_RECORDING: {
    what: (d) => `env.replay.${d.what}(): this environment has no recording source to replay.`,
    todo: () => 'Build the pipeline on env.fromRecording(path) first (record one with stream.record(path), or use a file of data/), then play, step or seek.',
  },
  LINEAGE_OFF: {
    what: (d) => `${d.what ?? 'explain()'}: lineage was off when the job ran, so nothing was kept for it.`,
    todo: () => 'Call env.enableLineage() before the job starts (env.execute() or env.replay.play()), run it again, then explain.',
  },
  LINEAGE_UNSUPPORTED: {
    what: (d) => `explain(): ${d.problem}.`,
    todo: () => 'Lineage covers keyed window aggregates (keyBy(...).window(...).aggregate/reduce/process): explain a view of such a stream.',
  },
  LINEAGE_NO_ROW: {
    what: (d) => `explain(): no window of key ${show(d.key)} starting at ${show(d.windowStart)} has been seen${d.known ? ` (windows of that key start at: ${d.known})` : ''}.`,
    todo: () => 'Pass a key and windowStart of a row of the view (view.rows() lists them); the window may not have received input yet.',
  },
  // Worker-thread executor (executor: 'threads').
  THREADS_CAPTURED_VARIABLE: {
    what: (d) => `The function of step "${d.step}" uses the variable ${show(d.variable)} from outside it, and executor 'threads' runs it in a worker thread, which cannot see that variable.`,
    todo: () => "Make the function self-contained (put the value inside it, or in the record), or use executor: 'single' (the default).",
  },
  THREADS_FUNCTION_NOT_PORTABLE: {
    what: (d) => `The function of step "${d.step}" cannot run in a worker thread: ${d.problem}.`,
    todo: () => "Pass an arrow function or function expression written in the pipeline, or use executor: 'single' (the default).",
  },
  THREADS_UNSUPPORTED: {
    what: (d) => `${d.what} is not supported with executor 'threads' yet.`,
    todo: () => "Use executor: 'single' (the default) for this job.",
  },
  THREADS_WORKER_FAILED: {
    what: (d) => `A worker thread of the job stopped unexpectedly: ${d.message}`,
    todo: () => "Run the job with executor: 'single' to see the error where it happens.",
  },
  // Batch mode on DuckDB (runtime/batch).
  BATCH_UNTRANSLATABLE: {
    what: (d) => `The step "${d.step}" (${d.kind}${d.source ? `: ${d.source}` : ''}) cannot run on DuckDB: ${d.reason}.`,
    todo: () => "Rewrite the step in the translatable subset (field access, literals, arithmetic, comparison, logic, ternary, Math.*, string methods, the built-in agg.*), or collect({ engine: 'auto' }) to run the pipeline on the streaming engine.",
  },
  BAD_ENGINE: {
    what: (d) => `collect: engine must be 'streaming', 'duckdb' or 'auto', got ${show(d.got)}.`,
    todo: () => "Pass { engine: 'duckdb' } for the batch mode, or leave the options out.",
  },
  SQL_FAILED: {
    what: (d) => `DuckDB could not run the query: ${d.message}`,
    todo: (d) => String(d.hint ?? 'Check the SQL; env.sqlNames() lists the registered names.'),
  },
  BAD_SQL_SOURCE: {
    what: (d) => `env.register(${show(d.name)}): ${d.problem}.`,
    todo: () => 'Register a recording (.jsonl written by record()), a .csv, .jsonl/.ndjson or .parquet file, a view (or its view.table()), or an array of row objects.',
  },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof catalog;
