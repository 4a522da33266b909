#!/usr/bin/env node
/**
 * The `seg-hook` binary: turns on Node's compile cache, then runs the hook's bundle (hook.js).
 *
 * Node compiles the bundle (~115 KB) on every commit. From Node 22.1, module.enableCompileCache()
 * keeps V8's compiled code on disk, written by the user's own Node on the first run and
 * checked by Node on every later one (another Node version, or a changed or damaged file, only
 * means compiling as usual). This file stays a separate, tiny bundle: the cache must be on
 * before hook.js is compiled. Node 20 has no compile cache and just compiles.
 *
 * The cache lives in the package (`.compile-cache` beside dist/), not in Node's default
 * os.tmpdir() directory: code read from a directory other users can write would be theirs to
 * choose, and whoever can write the package can change hook.js anyway. Where the package is
 * read-only (a global install by root), there is no cache.
 */
import { mkdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join } from 'node:path';

export const COMPILE_CACHE_DIR = join(__dirname, '..', '..', '.compile-cache');

/** Turns the compile cache on where this Node has one and the directory can be made. */
export function enableCompileCacheInPackage(): void {
  const enable = (nodeModule as { enableCompileCache?: (dir: string) => unknown })
    .enableCompileCache;
  if (enable === undefined) return;
  try {
    // Made here, one level: Node's own recursive mkdir loops on some file systems (ENOENT).
    mkdirSync(COMPILE_CACHE_DIR, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return;
  }
  // A failure is a returned status, never an exception or output: the hook compiles as usual.
  enable(COMPILE_CACHE_DIR);
}

if (require.main === module) {
  enableCompileCacheInPackage();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./hook.js');
}
