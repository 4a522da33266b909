/**
 * (e) Hostile input: commits that each add one file of 2,000-character lines made of one unit
 * repeated, a unit built to make the decoding stage work (an encoded form of the token prefix,
 * over and over), timed against a commit adding a file of random base64 lines of the same
 * length and size. The last line of every file, benign included, ends with a real token
 * written percent-encoded, after the hostile text: it must still be found, and the JSON
 * report must not say that decoding stopped at a bound (`decode-bound` in `warnings`).
 */
'use strict';

const { Buffer } = require('node:buffer');
const { Rng } = require('./prng');
const { PREFIX, countPrefix, realToken } = require('./tokens');
const { BenchRepo } = require('./gitRepo');

const MiB = 1024 * 1024;
const LINE_LENGTH = 2000;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every character as %XX: the token as a URL-encoding tool writes it. */
function percentEncode(text) {
  return [...Buffer.from(text, 'latin1')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/** The token prefix, one encoded unit per character. Never a literal prefix in this file. */
const KINDS = [
  {
    key: 'e1',
    name: 'double percent',
    // %2573%2567%2570%255F: the prefix percent-encoded twice.
    unit: () => [...PREFIX].map((ch) => `%25${percentEncode(ch).slice(1)}`).join(''),
  },
  {
    key: 'e2',
    name: 'UTF-16LE percent',
    // s%00g%00p%00_%00: the prefix in UTF-16LE, its NUL bytes percent-encoded.
    unit: () => [...PREFIX].map((ch) => `${ch}%00`).join(''),
  },
  {
    key: 'e3',
    name: '\\u escapes',
    // \u0073\u0067\u0070\u005f: the prefix as JavaScript/JSON escapes (literal text).
    unit: () =>
      [...PREFIX].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  },
  {
    key: 'e4',
    name: 'base64 of repeated prefix',
    // base64 of the prefix repeated: 12 bytes (3 prefixes) are 16 base64 characters.
    unit: () => Buffer.from(PREFIX.repeat(3), 'latin1').toString('base64'),
  },
];

/** Lines of `unit` repeated, LINE_LENGTH characters each (whole units), about `bytes` in all. */
function hostileLines(unit, bytes) {
  const line = unit.repeat(Math.floor(LINE_LENGTH / unit.length));
  const count = Math.max(1, Math.round(bytes / (line.length + 1)));
  return { lines: Array(count).fill(line), line };
}

function benignLines(rng, bytes) {
  const count = Math.max(1, Math.round(bytes / (LINE_LENGTH + 1)));
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(rng.string(LINE_LENGTH, BASE64_ALPHABET));
  return { lines, line: lines[0] };
}

/**
 * One repository with one new file. The last line keeps its text but ends with ` key=` and
 * the percent-encoded token, cut back (whole units) so it stays about LINE_LENGTH long.
 */
function buildOne(root, kind, megabytes, token) {
  const bytes = megabytes * MiB;
  const repo = new BenchRepo(root, `hostile-${kind.key}-${megabytes}mb`);
  repo.write('README.md', '# bench\n');
  repo.commitAll('base');
  const rng = new Rng(0xe0 + megabytes);
  const unit = kind.unit ? kind.unit() : null;
  const { lines } = unit ? hostileLines(unit, bytes) : benignLines(rng, bytes);
  const encoded = percentEncode(token);
  const suffix = ` key=${encoded}`;
  const last = lines[lines.length - 1];
  const step = unit ? unit.length : 1;
  const keep = Math.max(step, Math.floor((LINE_LENGTH - suffix.length) / step) * step);
  lines[lines.length - 1] = last.slice(0, keep) + suffix;
  const content = `${lines.join('\n')}\n`;
  // Fixture self-check: no literal prefix anywhere (the planted token is encoded).
  if (countPrefix(content) !== 0) throw new Error(`hostile ${kind.key}: literal prefix in fixture`);
  const file = unit ? 'data/hostile.txt' : 'data/benign.txt';
  repo.write(file, content);
  repo.git('add', '-A');
  return {
    key: kind.key,
    title: `(${kind.key}) ${kind.name}`,
    kindName: kind.name,
    unit,
    repo,
    expected: 1,
    decoys: 0,
    // The leak check looks for the token and its encoded form in seg-hook's output.
    realTokens: [token, encoded],
    stagedFiles: repo.stagedFiles(),
    addedLines: lines.length,
    bytes: Buffer.byteLength(content),
  };
}

/** The benign repository first, then one per hostile unit; all share one planted token. */
function buildHostileSet(root, megabytes) {
  const token = realToken(new Rng(0x4057), 64);
  return [
    buildOne(root, { key: 'e0', name: 'benign: random base64' }, megabytes, token),
    ...KINDS.map((kind) => buildOne(root, kind, megabytes, token)),
  ];
}

/**
 * Untimed `--format json` run: is the token found (by its value, never printed), and does
 * `warnings` hold a `decode-bound` entry?
 */
function checkReport(scenario, measurer, cli) {
  const sample = measurer.run({
    cwd: scenario.repo.dir,
    env: scenario.repo.env,
    file: process.execPath,
    // --no-redact: the token is compared in memory, never printed.
    args: [cli, '--staged', '--format', 'json', '--no-redact'],
  });
  return parseReport(scenario, sample);
}

function parseReport(scenario, sample) {
  if (sample.status !== 0 && sample.status !== 1) {
    return { error: `exit ${sample.status}: ${sample.stderr.trim().split('\n')[0]}` };
  }
  let report;
  try {
    report = JSON.parse(sample.stdout);
  } catch {
    return { error: 'seg-hook --format json printed something that is not JSON' };
  }
  const [token] = scenario.realTokens;
  const findings = report.findings || [];
  const warnings = report.warnings || [];
  return {
    findings: findings.length,
    found: findings.some((f) => f.secret === token),
    encoding: (findings.find((f) => f.secret === token) || {}).encoding,
    onLastLine: findings.some((f) => f.line === scenario.addedLines),
    decodeBound: warnings.filter((w) => w.kind === 'decode-bound').length,
  };
}

module.exports = { buildHostileSet, checkReport, parseReport, percentEncode, LINE_LENGTH, KINDS };
