/**
 * The programs the bench runs: seg-hook (from package.json's bin, so a bundled entry point is
 * picked up), git, and the peers when they are installed on this machine. Peers are never
 * dependencies of the repository; see run.js for how to install them.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const DEFAULT_PEERS_DIR = '/tmp/bench-peers';

function segHookCli(repoRoot) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['seg-hook'];
  return path.resolve(repoRoot, bin);
}

function findOnPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function firstLineOf(file, args) {
  const result = spawnSync(file, args, { encoding: 'utf8' });
  if (result.status !== 0) return null;
  return (result.stdout || result.stderr).trim().split('\n')[0] || null;
}

function findGitSecrets() {
  const bin = findOnPath('git-secrets');
  if (!bin)
    return { name: 'git-secrets', missing: 'not installed (Debian: apt-get install git-secrets)' };
  const version = firstLineOf('dpkg-query', ['-W', '-f', '${Version}', 'git-secrets']);
  return { name: 'git-secrets', bin, version: version || 'unknown version' };
}

function findGitleaks() {
  const bin = process.env.SEG_HOOK_BENCH_GITLEAKS || findOnPath('gitleaks');
  if (!bin)
    return { name: 'gitleaks', missing: 'not installed (not packaged for this Debian release)' };
  const version = firstLineOf(bin, ['version']) || 'unknown version';
  // gitleaks 8.19 replaced `protect --staged` with `git --staged`.
  const hasGitCommand = spawnSync(bin, ['git', '--help'], { stdio: 'ignore' }).status === 0;
  return { name: 'gitleaks', bin, version, subcommand: hasGitCommand ? 'git' : 'protect' };
}

function findSecretlint() {
  const dir = process.env.SEG_HOOK_BENCH_PEERS_DIR || DEFAULT_PEERS_DIR;
  const bin = path.join(dir, 'node_modules', '.bin', 'secretlint');
  const install = `npm install --prefix ${dir} secretlint @secretlint/secretlint-rule-pattern`;
  if (!fs.existsSync(bin)) return { name: 'secretlint', missing: `not installed (${install})` };
  const rule = path.join(dir, 'node_modules', '@secretlint', 'secretlint-rule-pattern');
  if (!fs.existsSync(rule)) {
    return { name: 'secretlint', missing: `rule-pattern missing (${install})` };
  }
  const manifest = path.join(dir, 'node_modules', 'secretlint', 'package.json');
  const version = JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
  return { name: 'secretlint', bin, version };
}

function findPeers() {
  return [findGitSecrets(), findGitleaks(), findSecretlint()];
}

function gitVersion() {
  return firstLineOf('git', ['--version']) || 'git not found';
}

module.exports = { segHookCli, findPeers, gitVersion, DEFAULT_PEERS_DIR };
