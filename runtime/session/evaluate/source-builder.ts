// Builds rewritten code out of pieces of an original text and inserted text, and remembers where each piece
// came from, so a position in the rewritten code (a stack frame's line and column) can be taken back to the
// original. Inserted text maps to the original offset it was anchored at.
export class SourceBuilder {
  private readonly pieces: { text: string; from: number; copied: boolean }[] = [];
  private length = 0;

  constructor(private readonly original: string) {}

  /** Appends original[start, end). */
  copy(start: number, end: number): this {
    return this.push(this.original.slice(start, end), start, true);
  }

  /** Appends new text, mapped to the original offset `anchor`. */
  insert(text: string, anchor: number): this {
    return this.push(text, anchor, false);
  }

  toString(): string {
    return this.pieces.map((p) => p.text).join('');
  }

  /** The offset in the original text that `offset` of the built text came from. */
  originalOffset(offset: number): number {
    let at = 0;
    for (const p of this.pieces) {
      if (offset < at + p.text.length) return p.copied ? p.from + (offset - at) : p.from;
      at += p.text.length;
    }
    return this.original.length;
  }

  private push(text: string, from: number, copied: boolean): this {
    if (text.length > 0) this.pieces.push({ text, from, copied });
    this.length += text.length;
    return this;
  }
}

/** 0-based offset of a 1-based line and column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

/** 1-based line and column of a 0-based offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}
