#!/usr/bin/env node
/*
 * Writes dist/cli/hook.cache: V8's compiled code for the hook's bundle, made by running the
 * hook once on a throwaway repository with a staged token (built here at run time), so the
 * functions a real commit calls are compiled in it too (see src/cli/loader.ts). Without git,
 * or if anything fails, no cache is written: the hook then compiles as usual.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { randomInt } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const loaderFile = path.join(root, 'dist', 'cli', 'main.js');

function randomBase62(length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** In the throwaway repository: run the hook, then save the cache of what it compiled. */
function recordInThisProcess(cacheFile) {
  const loader = require(loaderFile);
  process.argv = [process.argv[0], loaderFile, '--staged'];
  const script = loader.runHookBundle(false);
  process.on('exit', () => {
    const source = fs.readFileSync(loader.HOOK_BUNDLE);
    fs.writeFileSync(cacheFile, loader.cacheFileContent(source, script));
  });
}

function makeCodeCache() {
  const cacheFile = path.join(root, 'dist', 'cli', 'hook.cache');
  fs.rmSync(cacheFile, { force: true });
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-code-cache-'));
  try {
    const git = (...args) => {
      const result = spawnSync('git', args, { cwd: repo, stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`git ${args[0]} failed`);
    };
    git('init', '-q');
    const token = ['s', 'g', 'p', '_'].join('') + randomBase62(64);
    fs.writeFileSync(path.join(repo, 'app.js'), `const a = 1;\nconst key = "${token}";\n`);
    fs.writeFileSync(path.join(repo, '.env'), `SEGMENT_API_TOKEN=${randomBase62(32)}\n`);
    git('add', '-A');
    const run = spawnSync(
      process.execPath,
      [path.join(__dirname, 'codeCache.js'), '--record', cacheFile],
      {
        cwd: repo,
        stdio: 'ignore',
      },
    );
    // 1: the token was found, as planned.
    if (run.status !== 1 || !fs.existsSync(cacheFile)) throw new Error('the hook did not run');
  } catch (error) {
    fs.rmSync(cacheFile, { force: true });
    console.warn(`seg-hook build: no code cache (${error.message}); the hook compiles as usual`);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--record') recordInThisProcess(process.argv[3]);
else if (require.main === module) makeCodeCache();
module.exports = { makeCodeCache };
