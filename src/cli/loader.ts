#!/usr/bin/env node
/**
 * The `seg-hook` binary: runs the hook's bundle (hook.js) with V8's code cache (hook.cache)
 * when there is one for this very bundle and this very Node.
 *
 * Node compiles the bundle (~80 KB) on every commit, and then each function it calls; the build
 * runs the hook once and saves V8's compiled code, which cuts about 3 ms from every commit's
 * start. The cache is checked before V8 sees it: its first 20 bytes are the SHA-1 of the
 * bundle it was made from, the next 20 the SHA-1 of V8's data (V8 does not checksum code
 * caches in release builds: a damaged one can crash it). V8 itself then rejects data from
 * another V8 version or other flags. A missing, stale, damaged or rejected cache only means
 * compiling as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

export const HOOK_BUNDLE = join(__dirname, 'hook.js');
const HOOK_CACHE = join(__dirname, 'hook.cache');
const DIGEST_BYTES = 20;

/** Compiles the hook's bundle, with the cache when it fits (see script.cachedDataRejected). */
export function compileHookBundle(useCache = true): Script {
  const source = readFileSync(HOOK_BUNDLE);
  return new Script(wrap(source.toString('utf8')), {
    filename: HOOK_BUNDLE,
    cachedData: useCache ? cacheFor(source) : undefined,
  });
}

/** Compiles the hook's bundle and runs it. */
export function runHookBundle(useCache = true): Script {
  const script = compileHookBundle(useCache);
  const hookModule = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  // The bundle sits beside this file: its require and __dirname are this file's.
  run(hookModule.exports, require, hookModule, HOOK_BUNDLE, __dirname);
  return script;
}

/** The cache's V8 data if it was made from exactly `source` and is intact. */
export function cacheFor(source: Buffer): Buffer | undefined {
  try {
    const cache = readFileSync(HOOK_CACHE);
    const data = cache.subarray(2 * DIGEST_BYTES);
    const intact =
      cache.subarray(0, DIGEST_BYTES).equals(sha1(source)) &&
      cache.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES).equals(sha1(data));
    return intact ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file for `source`: the bundle's digest, the data's digest, then V8's data. */
export function cacheFileContent(source: Buffer, script: Script): Buffer {
  const data = script.createCachedData();
  return Buffer.concat([sha1(source), sha1(data), data]);
}

function sha1(bytes: Buffer): Buffer {
  return createHash('sha1').update(bytes).digest();
}

/** Node's own CommonJS wrapper, so the bundle runs as if required. */
function wrap(source: string): string {
  const body = source.startsWith('#!') ? `//${source}` : source;
  return `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
}

if (require.main === module) runHookBundle();
