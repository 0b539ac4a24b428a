// Finds the code blocks of a Markdown page that the docs test runs, with what each must print. Imports nothing
// from runtime/.
//
// The conventions (also stated in docs/getting-started.md, "How these pages are tested"):
// - Every ```ts (or ```typescript) block is a program: it is written to its own file and run with tsx.
// - <!-- output --> followed by a ```text block: that block is exactly what the nearest ts block above it
//   prints (stdout). Prose may come between the ts block and the marker, but no other code block.
// - <!-- output: table --> followed by a Markdown table: the ts block above prints one console.table, and
//   the Markdown table has the same columns (without "(index)") and the same cells (strings unquoted).
// - <!-- skip: why --> right before a ts block: the block is not run (the reason must be given).

export interface ExpectedOutput {
  kind: 'text' | 'table';
  /** 1-based line of the marker. */
  line: number;
  /** kind 'text': the exact stdout, each line ending in "\n". */
  text: string;
  /** kind 'table': header row, then data rows. */
  table: string[][];
}

export interface DocBlock {
  /** The page, as given to parseDocBlocks. */
  file: string;
  /** 1-based line of the opening fence; line n of `code` is line `line + n` of the page. */
  line: number;
  code: string;
  /** Why the block is not run, when it carries <!-- skip: why -->. */
  skip: string | null;
  output: ExpectedOutput | null;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const MARKER = /^\s*<!--\s*(skip|output)\s*(?::\s*(.*?))?\s*-->\s*$/;

interface Fence {
  line: number;
  lang: string;
  body: string[];
}

/** The ts blocks of a page with their markers; throws an Error naming the line on a malformed marker. */
export function parseDocBlocks(markdown: string, file: string): DocBlock[] {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const blocks: DocBlock[] = [];
  /** The ts block that an output marker would attach to (cleared by any other code block). */
  let lastTs: DocBlock | null = null;
  let pendingSkip: { line: number; reason: string } | null = null;
  const fail = (line: number, what: string): never => {
    throw new Error(`${file}:${line}: ${what}`);
  };

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const marker = MARKER.exec(text);
    if (marker) {
      const [, kind, arg] = marker;
      if (kind === 'skip') {
        if (!arg) fail(i + 1, '<!-- skip --> needs a reason: <!-- skip: why this block cannot run -->');
        pendingSkip = { line: i + 1, reason: arg as string };
        continue;
      }
      if (lastTs === null) fail(i + 1, `<!-- output --> has no \`\`\`ts block above it (another code block is in between, or none).`);
      const target = lastTs as DocBlock;
      if (target.skip !== null) fail(i + 1, 'an output marker follows a skipped block: a skipped block has no output to check.');
      if (target.output !== null) fail(i + 1, `the block at line ${target.line} already has an output (line ${target.output?.line}).`);
      const j = nextNonBlank(lines, i + 1);
      if (arg === undefined || arg === '') {
        const fence = j < lines.length ? readFence(lines, j) : null;
        if (fence === null || fence.fence.lang !== 'text') fail(i + 1, '<!-- output --> must be followed by a ```text block.');
        const f = (fence as { fence: Fence; end: number }).fence;
        target.output = { kind: 'text', line: i + 1, text: f.body.map((l) => l + '\n').join(''), table: [] };
        i = (fence as { end: number }).end;
        lastTs = null;
      } else if (arg === 'table') {
        let end = j;
        while (end < lines.length && /^\s*\|/.test(lines[end] as string)) end++;
        if (end - j < 2) fail(i + 1, '<!-- output: table --> must be followed by a Markdown table.');
        target.output = { kind: 'table', line: i + 1, text: '', table: parseMarkdownTable(lines.slice(j, end)) };
        i = end - 1;
        lastTs = null;
      } else {
        fail(i + 1, `unknown output kind "${arg}" (use <!-- output --> or <!-- output: table -->).`);
      }
      continue;
    }

    const fence = readFence(lines, i);
    if (fence === null) {
      if (pendingSkip !== null && text.trim() !== '') fail(pendingSkip.line, '<!-- skip: ... --> must come right before a ```ts block.');
      continue;
    }
    const { fence: f, end } = fence;
    if (f.lang === 'ts' || f.lang === 'typescript') {
      const block: DocBlock = { file, line: f.line, code: f.body.join('\n') + '\n', skip: pendingSkip?.reason ?? null, output: null };
      blocks.push(block);
      lastTs = block;
    } else {
      if (pendingSkip !== null) fail(pendingSkip.line, '<!-- skip: ... --> must come right before a ```ts block.');
      lastTs = null;
    }
    pendingSkip = null;
    i = end;
  }
  if (pendingSkip !== null) fail(pendingSkip.line, '<!-- skip: ... --> must come right before a ```ts block.');
  return blocks;
}

function nextNonBlank(lines: string[], from: number): number {
  let j = from;
  while (j < lines.length && (lines[j] as string).trim() === '') j++;
  return j;
}

/** The fenced block opening at line index `i`, or null when line i opens none. */
function readFence(lines: string[], i: number): { fence: Fence; end: number } | null {
  const open = FENCE.exec(lines[i] as string);
  if (!open) return null;
  const mark = open[1] as string;
  const close = new RegExp(`^ {0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}\\s*$`);
  const body: string[] = [];
  for (let j = i + 1; j < lines.length; j++) {
    if (close.test(lines[j] as string)) return { fence: { line: i + 1, lang: (open[2] ?? '').toLowerCase(), body }, end: j };
    body.push(lines[j] as string);
  }
  throw new Error(`line ${i + 1}: the code block is never closed`);
}

/** A Markdown table as rows of trimmed cells (the header first, the |---| rule left out). */
export function parseMarkdownTable(lines: readonly string[]): string[][] {
  const rows = lines.map((l) =>
    l
      .trim()
      .replace(/^\|/, '')
      .replace(/(?<!\\)\|$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|')),
  );
  return rows.filter((r) => !r.every((c) => /^:?-+:?$/.test(c)));
}

/**
 * The cells of what console.table printed: the header first, the "(index)" column left out, quotes around
 * strings removed. Throws when the text holds no console.table.
 */
export function parseConsoleTable(stdout: string): string[][] {
  const rows = stdout
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
  const header = rows[0];
  if (header === undefined) throw new Error(`expected a console.table in the output, got:\n${stdout}`);
  const index = header.indexOf('(index)');
  return rows.map((r) => r.filter((_, c) => c !== index).map(unquote));
}

function unquote(cell: string): string {
  return /^'.*'$/.test(cell) ? cell.slice(1, -1) : cell;
}
