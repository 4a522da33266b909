/**
 * The history audit: repositories of many small commits, built with `git fast-import`
 * (seconds, not minutes), a known number of them adding a unique token. `seg-hook --history`
 * must find every one, and its peak RSS must not grow with the number of commits.
 */
'use strict';

const { Buffer } = require('node:buffer');
const { spawnSync } = require('node:child_process');
const { BenchRepo, MAX_BUFFER } = require('./gitRepo');
const { Rng } = require('./prng');
const { realToken } = require('./tokens');

const FILES = 200;
const LINES_PER_VERSION = 12;
const TOKEN_EVERY = 50;

/** A repository of `commits` commits on main; every TOKEN_EVERY-th adds one token. */
function buildHistory(root, commits) {
  const repo = new BenchRepo(root, `history-${commits}`);
  const rng = new Rng(5000 + commits);
  const chunks = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let planted = 0;
  for (let i = 1; i <= commits; i++) {
    const lines = [];
    for (let j = 0; j < LINES_PER_VERSION; j++) {
      lines.push(`const value${j} = ${i * 31 + j}; // version ${i} of this file, line ${j}`);
    }
    if (i % TOKEN_EVERY === 0) {
      lines.push(`const segmentApiToken = "${realToken(rng, 64)}";`);
      planted += 1;
    }
    chunks.push(
      'commit refs/heads/main\n',
      `committer Bench <bench@example.com> ${1700000000 + i * 60} +0000\n`,
      data(`commit ${i}`),
      `M 100644 inline src/file${i % FILES}.js\n`,
      data(`${lines.join('\n')}\n`),
    );
  }
  const result = spawnSync('git', ['fast-import', '--quiet'], {
    cwd: repo.dir,
    env: repo.env,
    input: chunks.join(''),
    maxBuffer: MAX_BUFFER,
  });
  if (result.status !== 0) throw new Error(`git fast-import failed: ${String(result.stderr)}`);
  repo.git('checkout', '-q', 'main');
  return { repo, commits, planted };
}

module.exports = { buildHistory };
