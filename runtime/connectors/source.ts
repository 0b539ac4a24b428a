// The source contract: a source is replayable from an offset. The executor opens a reader and asks it for up
// to `max` records that are due at processing time `now` (paced sources hold back records not yet due).

export interface SourceReader {
  /** Records due by `now`, at most `max`; an empty array when none is due yet. */
  read(max: number, now: number): unknown[];
  /** True once every record has been read. */
  readonly done: boolean;
  /** The processing time at which the next record is due (-Infinity: now). */
  nextDue(): number;
  /** How many records have been read: the offset to resume from. */
  readonly offset: number;
  /** The offset at which the reader is done, when known (a file's size, an array's length, a count): for progress bars. */
  readonly total?: number;
}

export interface SourceSpec {
  readonly name: string;
  readonly bounded: boolean;
  /** The deterministic generator the records come from, and its seed, when known (recording headers name them). */
  readonly origin?: { readonly generator: string; readonly seed?: number };
  /**
   * The source as plain data, when it can be opened again on another thread (executor 'threads' then reads it
   * in every worker instead of sending its rows across).
   */
  readonly portable?: PortableSource;
  /** A CSV file source described for other readers (the DuckDB batch mode lets DuckDB read such files itself). */
  readonly csv?: CsvFileSource;
  /** Opens a reader positioned at `offset`; `startTime` is the processing time the job starts. */
  open(offset: number, startTime: number): SourceReader;
}

/**
 * A source described as data: an in-memory array of plain values (fromArray, fromElements), or an unpaced
 * generator (fromGenerator) with the generator or function it was made from.
 */
export type PortableSource =
  | { readonly kind: 'array'; readonly name: string; readonly items: readonly unknown[] }
  | { readonly kind: 'generator'; readonly name: string; readonly count: number | undefined; readonly base: unknown };

/** A CSV file source: its file, how it is split, and its layout as Rivulet's own reader sees it. */
export interface CsvFileSource {
  readonly path: string;
  readonly header: boolean;
  readonly delimiter: string;
  /** Column names and types (declared, or inferred from the first rows), and the byte where the data starts. */
  layout(): { columns: string[]; types: ('number' | 'string' | 'boolean' | 'timestamp')[]; dataStart: number };
}
