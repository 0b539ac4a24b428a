// Every ```ts block in README.md and docs/**/*.md runs, so the docs never rot. Each block is written to its own
// file under tmp/ (gitignored, inside the package so that `import ... from 'rivulet'` resolves through
// package.json "exports"), run with `node --import tsx`, and must exit with 0 and write nothing to stderr.
// A block followed by <!-- output --> and a ```text block must print exactly that text; one followed by
// <!-- output: table --> and a Markdown table must print that table with console.table. All blocks are
// also type-checked together, with the project's strict tsconfig. Conventions: test/helpers/doc-blocks.ts.
//
// KEEP_DOC_BLOCKS=1 keeps the generated files (tmp/docs-blocks-*) to run one by hand.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseConsoleTable, parseDocBlocks, type DocBlock } from '../helpers/doc-blocks.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function docPages(): string[] {
  const pages = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  const docs = join(root, 'docs');
  if (existsSync(docs)) {
    for (const f of readdirSync(docs, { recursive: true, encoding: 'utf8' }).sort()) {
      if (f.endsWith('.md')) pages.push(join('docs', f));
    }
  }
  return pages;
}

interface Page {
  file: string;
  blocks: DocBlock[];
  error: Error | null;
}

const pages: Page[] = docPages().map((file) => {
  try {
    return { file, blocks: parseDocBlocks(readFileSync(join(root, file), 'utf8'), file), error: null };
  } catch (e) {
    return { file, blocks: [], error: e as Error };
  }
});

let dir = '';
const fileOf = new Map<DocBlock, string>();

/** A file name that says where the block comes from: docs/getting-started.md line 12 -> docs-getting-started-L12.ts */
function blockFileName(b: DocBlock): string {
  return `${b.file.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-L${b.line}.ts`;
}

beforeAll(() => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  dir = mkdtempSync(join(root, 'tmp', 'docs-blocks-'));
  for (const page of pages) {
    for (const b of page.blocks) {
      const path = join(dir, blockFileName(b));
      // Line n of the block stays line n of the file (the fence is line 0), so errors point into the page;
      // `export {}` makes every block a module (top-level await, no shared globals).
      writeFileSync(path, `\n${b.code}export {};\n`);
      fileOf.set(b, path);
    }
  }
});

afterAll(() => {
  if (dir !== '' && !process.env.KEEP_DOC_BLOCKS) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], timeout: number): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.NODE_OPTIONS;
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: root, env, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr: error !== null && error.killed ? `${stderr}\n(killed after ${timeout} ms)` : stderr });
    });
  });
}

/** Rewrites tmp/docs-blocks-x/README-L12.ts(4,5) (tsc) or ...README-L12.ts:4:5 (a stack) as README.md:15:5. */
function pointIntoPages(text: string): string {
  let out = text;
  for (const [b, path] of fileOf) {
    const rel = relative(root, path);
    for (const name of [path, rel]) {
      out = out.split(name).join(`<${b.file} block at line ${b.line}>`);
    }
  }
  return out.replace(/<([^<>]+) block at line (\d+)>(?:\((\d+),(\d+)\)|:(\d+)(?::(\d+))?)/g, (_m, file, line, l1, c1, l2, c2) => {
    const column = c1 ?? c2;
    return `${file}:${Number(line) + Number(l1 ?? l2) - 1}${column === undefined ? '' : `:${column}`}`;
  });
}

describe.each(pages)('$file', (page) => {
  it('has well-formed test markers', () => {
    if (page.error) throw page.error;
  });

  const runnable = page.blocks.filter((b) => b.skip === null);
  if (runnable.length === 0) return;

  it.concurrent.each(runnable.map((b) => [`runs the block at line ${b.line}`, b] as const))('%s', async (_title, b) => {
    const result = await run(process.execPath, ['--import', 'tsx', fileOf.get(b) as string], 60_000);
    const where = `${b.file}:${b.line}`;
    const report = `${where} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${pointIntoPages(result.stderr)}`;
    expect(result.code, report).toBe(0);
    expect(result.stderr, `${where} wrote to stderr:\n${pointIntoPages(result.stderr)}`).toBe('');
    if (b.output?.kind === 'text') {
      expect(result.stdout, `${where}: the output differs from the text block at line ${b.output.line}`).toBe(b.output.text);
    } else if (b.output?.kind === 'table') {
      expect(parseConsoleTable(result.stdout), `${where}: console.table differs from the table at line ${b.output.line}`).toEqual(
        b.output.table,
      );
    }
  });
});

it('type-checks every block with the strict tsconfig', async () => {
  if (fileOf.size === 0) return;
  const tsconfig = join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({ extends: join(root, 'tsconfig.json'), compilerOptions: { noEmit: true }, include: ['*.ts'] }, null, 2),
  );
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], 120_000);
  expect(result.code, pointIntoPages(result.stdout + result.stderr)).toBe(0);
});

describe('the doc-block parser (test/helpers/doc-blocks.ts)', () => {
  const page = [
    '# T',
    '```ts',
    'console.log(1);',
    '```',
    'It prints:',
    '<!-- output -->',
    '```text',
    '1',
    '```',
    '<!-- skip: needs a Jupyter kernel -->',
    '```ts',
    'display(x);',
    '```',
    '```ts',
    'console.table([{ a: "x|y" }]);',
    '```',
    '<!-- output: table -->',
    '| a |',
    '|---|',
    '| x\\|y |',
  ].join('\n');

  it('finds ts blocks with their lines, outputs and skip reasons', () => {
    const blocks = parseDocBlocks(page, 'p.md');
    expect(blocks.map((b) => [b.line, b.code, b.skip, b.output?.kind ?? null])).toEqual([
      [2, 'console.log(1);\n', null, 'text'],
      [11, 'display(x);\n', 'needs a Jupyter kernel', null],
      [14, 'console.table([{ a: "x|y" }]);\n', null, 'table'],
    ]);
    expect(blocks[0]?.output?.text).toBe('1\n');
    expect(blocks[2]?.output?.table).toEqual([['a'], ['x|y']]);
  });

  it('reads console.table output as cells without the index column and quotes', () => {
    const printed = ['┌─────────┬───────┬───┐', '│ (index) │ a     │ b │', '├─────────┼───────┼───┤', "│ 0       │ 'x|y' │ 1 │", '└─────────┴───────┴───┘'];
    expect(parseConsoleTable(printed.join('\n') + '\n')).toEqual([['a', 'b'], ['x|y', '1']]);
  });

  it.each([
    ['an output marker after a non-ts block', '```sh\nls\n```\n<!-- output -->\n```text\nx\n```'],
    ['an output marker not followed by a text block', '```ts\nx\n```\n<!-- output -->\nprose'],
    ['a skip without a reason', '<!-- skip -->\n```ts\nx\n```'],
    ['a skip that is not right before a ts block', '<!-- skip: why -->\nprose\n```ts\nx\n```'],
    ['an output for a skipped block', '<!-- skip: why -->\n```ts\nx\n```\n<!-- output -->\n```text\nx\n```'],
    ['a second output for one block', '```ts\nx\n```\n<!-- output -->\n```text\nx\n```\n<!-- output -->\n```text\nx\n```'],
  ])('rejects %s, naming the line', (_what, markdown) => {
    expect(() => parseDocBlocks(markdown, 'p.md')).toThrow(/^p\.md:\d+: /);
  });
});
