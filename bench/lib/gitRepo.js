/**
 * Temp git repositories for the bench, isolated from the machine's git configuration (no global
 * or system config, fixed identity), like the test helpers.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MAX_BUFFER = 1024 * 1024 * 1024;

/**
 * Also dropped: NODE_EXTRA_CA_CERTS makes every node start parse a CA bundle (about 50 ms on
 * machines that set it globally) and NODE_OPTIONS could change anything; seg-hook needs neither.
 */
const DROPPED = new Set(['SEG_HOOK_SKIP', 'SKIP', 'NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS']);

function isolatedEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_') && !DROPPED.has(name)) env[name] = value;
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    NO_COLOR: '1',
    // Fixed, fast locale for grep and git grep: the baselines are not slowed by UTF-8 matching.
    LC_ALL: 'C',
  };
}

class BenchRepo {
  constructor(root, name) {
    this.dir = fs.mkdtempSync(path.join(root, `${name}-`));
    this.env = isolatedEnv();
    this.git('init', '-q', '-b', 'main');
  }

  git(...args) {
    const result = spawnSync('git', args, {
      cwd: this.dir,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: MAX_BUFFER,
    });
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(`git ${args[0]} failed: ${String(result.stderr).split('\n')[0]}`);
    }
    return result.stdout;
  }

  write(file, content) {
    const full = path.join(this.dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }

  read(file) {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }

  commitAll(message) {
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '-m', message);
  }

  /** Staged (added, copied, modified, renamed) files, exactly as named in the index. */
  stagedFiles() {
    const out = this.git('diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR');
    return out.toString('utf8').split('\0').filter(Boolean);
  }

  /** Lines added by the staged diff, from --numstat. */
  addedLineCount() {
    const out = this.git('diff', '--cached', '--numstat').toString('utf8');
    return out
      .split('\n')
      .filter(Boolean)
      .reduce((sum, line) => sum + (Number(line.split('\t')[0]) || 0), 0);
  }
}

function makeTempRoot() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-bench-'));
}

function removeTempRoot(root) {
  fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { BenchRepo, isolatedEnv, makeTempRoot, removeTempRoot, MAX_BUFFER };
