#!/usr/bin/env node
/*
 * `npm run demo`: shows seg-hook blocking a real commit in a throwaway repository.
 * The sample token is generated at run time (no token is stored in this repository).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { randomInt } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'main.js');
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

if (!fs.existsSync(CLI)) {
  console.error('demo: dist/ is missing; run npm install (or npm run build) first.');
  process.exit(2);
}

const token =
  ['s', 'g', 'p', '_'].join('') + Array.from({ length: 64 }, () => BASE62[randomInt(62)]).join('');
const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-demo-'));
const env = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
};
delete env.SEG_HOOK_SKIP;

function run(command, args) {
  return spawnSync(command, args, { cwd: repo, env, encoding: 'utf8' });
}
function git(...args) {
  const result = run('git', args);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}
const bold = process.stdout.isTTY && !process.env.NO_COLOR;
function step(title) {
  console.log(bold ? `\n\x1b[1m== ${title}\x1b[0m` : `\n== ${title}`);
}
function show(result) {
  process.stdout.write(result.stdout);
  process.stdout.write(result.stderr);
  console.log(`(exit code ${result.status})`);
}

try {
  git('init', '-q', '-b', 'main');
  // A pre-commit hook that runs this checkout's CLI, like `seg-hook install` sets up.
  const hook = path.join(repo, '.git', 'hooks', 'pre-commit');
  fs.writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" --staged\n`, {
    mode: 0o755,
  });

  step(`throwaway repository: ${repo}`);
  fs.writeFileSync(
    path.join(repo, 'config.json'),
    `{\n  "segment": {\n    "apiToken": "${token}"\n  }\n}\n`,
  );
  git('add', 'config.json');
  console.log('staged config.json with a freshly generated 64-character Segment token');

  step('git commit -m "add config"  (the hook runs seg-hook --staged)');
  const blocked = run('git', ['commit', '-m', 'add config']);
  show(blocked);
  console.log(blocked.status !== 0 ? '=> commit BLOCKED' : '=> commit went through (unexpected!)');

  step('seg-hook --staged --format json  (what CI and tools read)');
  show(run(process.execPath, [CLI, '--staged', '--format', 'json']));

  step('fix: load the token from the environment, re-stage, commit again');
  fs.writeFileSync(
    path.join(repo, 'config.json'),
    '{\n  "segment": {\n    "apiToken": "${SEGMENT_API_TOKEN}"\n  }\n}\n',
  );
  git('add', 'config.json');
  const fixed = run('git', ['commit', '-q', '-m', 'add config']);
  show(fixed);
  console.log(fixed.status === 0 ? '=> commit accepted' : '=> commit still blocked (unexpected!)');

  const tokenLeaked = [blocked, fixed].some((r) => (r.stdout + r.stderr).includes(token));
  console.log(
    tokenLeaked
      ? '\nWARNING: the full token appeared in the output'
      : '\nThe full token never appeared in any output.',
  );
  process.exitCode = blocked.status !== 0 && fixed.status === 0 && !tokenLeaked ? 0 : 1;
} finally {
  fs.rmSync(repo, { recursive: true, force: true });
}
