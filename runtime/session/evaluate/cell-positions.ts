// From a position in the code the evaluator ran back to the cell's TypeScript: the rewritten function's
// offset goes back to esbuild's JavaScript (rewrite-cell's own mapping), and that to the cell through
// esbuild's source map. Also rewrites a stack trace: the cell's frames get the cell's positions, and the
// frames below the outermost cell frame (the evaluator's machinery) are cut.
import { SourceMap } from 'node:module';
import { offsetOf, positionOf } from './source-builder.ts';

export interface CellPosition {
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

export class CellPositions {
  private readonly map: SourceMap;

  constructor(
    /** The file name the evaluated code was given (what stack frames show). */
    readonly filename: string,
    /** How the cell is named in messages. */
    readonly label: string,
    private readonly source: string,
    private readonly js: string,
    mapJson: string,
    private readonly jsOffset: (offset: number) => number,
  ) {
    this.map = new SourceMap(JSON.parse(mapJson) as ConstructorParameters<typeof SourceMap>[0]);
  }

  /** The cell position of a 1-based line and column of the evaluated code. */
  fromRun(line: number, column: number): CellPosition | undefined {
    return this.fromJs(this.jsOffset(offsetOf(this.source, line, column)));
  }

  /** The cell position of an offset in esbuild's JavaScript. */
  fromJs(offset: number): CellPosition | undefined {
    const p = positionOf(this.js, offset);
    const entry = this.map.findEntry(p.line - 1, p.column - 1) as { originalLine?: number; originalColumn?: number };
    if (entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
    // The entry is the closest mapping at or before the position; add how far past it we are on that line.
    const generated = entry as { generatedLine?: number; generatedColumn?: number };
    const past = generated.generatedLine === p.line - 1 ? p.column - 1 - (generated.generatedColumn ?? 0) : 0;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 + Math.max(0, past) };
  }

  /** The first cell frame of `stack` (where the cell threw, or called what threw). */
  firstFrame(stack: string): CellPosition | undefined {
    for (const m of stack.matchAll(this.framePattern())) {
      const p = this.fromRun(Number(m[1]), Number(m[2]));
      if (p !== undefined) return p;
    }
    return undefined;
  }

  /** `stack` with cell frames in cell positions and the frames after the last cell frame removed. */
  trimStack(stack: string): string {
    const lines = stack.split('\n');
    const isFrame = (l: string): boolean => /^\s+at /.test(l);
    let lastCell = -1;
    lines.forEach((l, i) => {
      if (isFrame(l) && l.includes(this.filename)) lastCell = i;
    });
    // No cell frame (an error from a stream's own task): the library frames are all there is to show.
    const kept = lastCell < 0 ? lines : lines.slice(0, lastCell + 1);
    return kept
      .map((l) =>
        l.replace(this.framePattern(), (all, line: string, col: string) => {
          const p = this.fromRun(Number(line), Number(col));
          return p === undefined ? all : `${this.label}:${p.line}:${p.column}`;
        }),
      )
      // A cell's function is called through the scope object, which V8 names "Object".
      .map((l) => (l.includes(`${this.label}:`) ? l.replace(/^(\s+at (?:async )?)Object\./, '$1') : l))
      .map((l) => l.replace(/^(\s+at )(?:eval|anonymous) \((.*)\)$/, '$1$2'))
      .join('\n');
  }

  private framePattern(): RegExp {
    return new RegExp(`${this.filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`, 'g');
  }
}
