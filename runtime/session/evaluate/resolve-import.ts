// Where a cell's `import 'x'` comes from: node built-ins as they are; relative and absolute paths from the
// evaluator's working directory; packages as Node resolves them from that directory, preferring a package's
// "import" export (ESM-only packages work) and falling back to require.resolve (CommonJS packages, `main`
// fields, and a package's reference to itself, e.g. `import ... from 'rivulet'` inside this repository).
import { createRequire, isBuiltin } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RivuletError } from '../../errors/rivulet-error.ts';

/** The URL (or built-in name) to pass to import() for `specifier`, imported by a cell running in `cwd`. */
export function resolveCellImport(specifier: string, cwd: string): string {
  if (isBuiltin(specifier) || /^(node|data|file):/.test(specifier)) return specifier;
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const path = resolve(cwd, specifier);
    if (!existsSync(path)) throw notFound(specifier, cwd);
    return pathToFileURL(path).href;
  }
  const viaExports = resolveByExports(specifier, cwd);
  if (viaExports !== null) return pathToFileURL(viaExports).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'noop.js')).resolve(specifier)).href;
  } catch {
    throw notFound(specifier, cwd);
  }
}

function notFound(specifier: string, cwd: string): RivuletError {
  return new RivuletError('CELL_IMPORT_NOT_FOUND', { specifier, cwd });
}

/** A package's "exports" entry for the "import" condition, found from cwd upwards (or the package itself). */
function resolveByExports(specifier: string, cwd: string): string | null {
  const m = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(specifier);
  if (m === null) return null;
  const name = m[1] ?? specifier;
  const subpath = m[2] === undefined ? '.' : `.${m[2]}`;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const pkgDir of [join(dir, 'node_modules', name), dir]) {
      const pkgFile = join(pkgDir, 'package.json');
      if (!existsSync(pkgFile)) continue;
      let pkg: { name?: unknown; exports?: unknown };
      try {
        pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { name?: unknown; exports?: unknown };
      } catch {
        continue;
      }
      if (pkgDir === dir && pkg.name !== name) continue;
      if (pkg.exports === undefined) return null;
      const target = exportTarget(pkg.exports, subpath);
      return target === null ? null : join(pkgDir, target);
    }
    if (dirname(dir) === dir) return null;
  }
}

const CONDITIONS = ['import', 'node', 'default'];

function exportTarget(exports: unknown, subpath: string): string | null {
  const isSubpathMap = typeof exports === 'object' && exports !== null && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? conditional(exports) : null;
  const map = exports as Record<string, unknown>;
  if (subpath in map) return conditional(map[subpath]);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const [pre, post] = [key.slice(0, star), key.slice(star + 1)];
    if (subpath.startsWith(pre) && subpath.endsWith(post) && subpath.length >= key.length - 1) {
      const t = conditional(value);
      return t === null ? null : t.replaceAll('*', subpath.slice(pre.length, subpath.length - post.length));
    }
  }
  return null;
}

function conditional(target: unknown): string | null {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = conditional(t);
      if (r !== null) return r;
    }
    return null;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [cond, t] of Object.entries(target)) {
      if (!CONDITIONS.includes(cond)) continue;
      const r = conditional(t);
      if (r !== null) return r;
    }
  }
  return null;
}
