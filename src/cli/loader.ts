#!/usr/bin/env node
/**
 * The `seg-hook` binary: runs the hook's bundle (hook.js) with V8's code cache (hook.cache)
 * when there is one for this very bundle and this very Node.
 *
 * Node compiles the bundle (~80 KB) on every commit, and then each function it calls; the build
 * runs the hook once and saves V8's compiled code, which cuts about 3 ms from every commit's
 * start. The cache is checked before V8 sees it: its first 4 bytes are the CRC-32 of the
 * bundle it was made from, the next 4 the CRC-32 of V8's data (V8 does not checksum code
 * caches in release builds: a damaged one can crash it). V8 itself then rejects data from
 * another V8 version or other flags. A missing, stale, damaged or rejected cache only means
 * compiling as usual; so does a Node without zlib.crc32 (before 20.15).
 *
 * CRC-32, not a cryptographic hash: the check is against accidents (a stale or damaged file),
 * and node:crypto costs ~1.5 ms more to load than node:zlib on every commit (the hook's path
 * loads node:crypto only when a finding needs a fingerprint).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

export const HOOK_BUNDLE = join(__dirname, 'hook.js');
const HOOK_CACHE = join(__dirname, 'hook.cache');
const DIGEST_BYTES = 4;

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

/**
 * The cache's V8 data if it was made from `source` (same CRC-32; V8 itself checks the length:
 * a stale cache passes only by a 1 in 2^32 chance) and is intact.
 */
export function cacheFor(source: Buffer): Buffer | undefined {
  try {
    const cache = readFileSync(HOOK_CACHE);
    const data = cache.subarray(2 * DIGEST_BYTES);
    const intact =
      cache.subarray(0, DIGEST_BYTES).equals(digest(source)) &&
      cache.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES).equals(digest(data));
    return intact ? data : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file for `source`: the bundle's CRC-32, the data's CRC-32, then V8's data. */
export function cacheFileContent(source: Buffer, script: Script): Buffer {
  const data = script.createCachedData();
  return Buffer.concat([digest(source), digest(data), data]);
}

/** CRC-32, big-endian; throws on a Node without zlib.crc32 (caught: no cache). */
function digest(bytes: Buffer): Buffer {
  const crc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;
  if (crc32 === undefined) throw new Error('zlib.crc32 needs Node 20.15 or later');
  const out = Buffer.alloc(DIGEST_BYTES);
  out.writeUInt32BE(crc32(bytes));
  return out;
}

/** Node's own CommonJS wrapper, so the bundle runs as if required. */
function wrap(source: string): string {
  const body = source.startsWith('#!') ? `//${source}` : source;
  return `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
}

if (require.main === module) runHookBundle();
