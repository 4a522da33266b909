#!/usr/bin/env node
/*
 * Real-world false-positive check. Copies a large body of code nobody here wrote — every .js,
 * .mjs, .cjs, .ts, .json and .md file of every top-level package in this repository's
 * node_modules (nested node_modules excluded) — into a temp repository, stages it and runs the
 * built CLI: zero findings expected. Then it commits that corpus, plants one unique token in
 * each of a deterministic sample of its files (new lines and inside existing lines, in the
 * shapes the seed document lists) and expects exactly those tokens, at their exact places.
 *
 *   node scripts/false-positive-corpus.js [--json] [--packages N] [--plants N] [--cli path]
 *
 * Prints the counts and times; exits 1 on any false positive or missed token. Tokens are
 * derived at run time from a fixed seed: no token is stored in this repository.
 */
'use strict';
const { Buffer } = require('node:buffer');
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.json', '.md']);
const PREFIX = ['s', 'g', 'p', '_'].join('');
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SEED = 'seg-hook-corpus-1';

function parseArgs(argv) {
  const options = {
    json: false,
    packages: Infinity,
    plants: 300,
    cli: path.join(ROOT, 'dist', 'cli', 'main.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--packages') options.packages = Number(argv[++i]);
    else if (arg === '--plants') options.plants = Number(argv[++i]);
    else if (arg === '--cli') options.cli = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

/** Top-level package directories of node_modules (scoped ones included), sorted. */
function packageDirs(nodeModules) {
  const dirs = [];
  for (const name of fs.readdirSync(nodeModules).sort()) {
    if (name.startsWith('.')) continue;
    const full = path.join(nodeModules, name);
    if (name.startsWith('@')) {
      for (const inner of fs.readdirSync(full).sort()) dirs.push(path.join(full, inner));
    } else dirs.push(full);
  }
  return dirs.filter((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

function corpusFiles(dir) {
  const files = [];
  const walk = (current) => {
    for (const entry of fs
      .readdirSync(current, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name))) files.push(full);
    }
  };
  walk(dir);
  return files;
}

/** A deterministic stream of numbers (sha256 of the seed and a counter). */
function prng(seed) {
  let counter = 0;
  return (modulo) =>
    createHash('sha256').update(`${seed}/${counter++}`).digest().readUInt32BE(0) % modulo;
}

/** A real-looking token: 64 random base62 characters, derived from the seed. */
function tokenFor(index) {
  let body = '';
  for (let block = 0; body.length < 64; block++) {
    for (const byte of createHash('sha256').update(`${SEED}/token/${index}/${block}`).digest())
      body += BASE62[byte % 62];
  }
  return PREFIX + body.slice(0, 64);
}

/** Where tokens are planted: the contexts of the seed document, as new lines or inside a line. */
const NEW_LINE_SHAPES = [
  (t) => `const segmentApiToken = "${t}";`,
  (t) => `export SEGMENT_API_TOKEN="${t}"`,
  (t) => `  "apiToken": "${t}",`,
  (t) => `segment://${t}@api.segment.io`,
  (t) => `// ${t}`,
  (t) => ` * token: ${t}`,
  (t) => `${t}`,
  // Right after an escape: recorded HTTP fixtures, logs, curl command lines.
  (t) => `  "authorization": "Bearer\\n${t}",`,
  (t) => `curl -H Authorization%3A%20Bearer%20${t} https://api.segment.io`,
];

const hex2 = (code) => code.toString(16).padStart(2, '0');
/** Encoded shapes: the token is reported on its line, inside the encoded text, with its chain. */
const ENCODED_LINE_SHAPES = [
  (t) => ({ text: `  token: ${Buffer.from(t).toString('base64')}`, encoding: ['base64'] }),
  (t) => ({
    text: `{"auths":{"r":{"auth":"${Buffer.from(`user:${t}`).toString('base64')}"}}}`,
    encoding: ['base64'],
  }),
  (t) => ({
    text: `state=${Buffer.from(`{"t":"${t}"}`).toString('base64url')}`,
    encoding: ['base64'],
  }),
  (t) => ({ text: `const k = "${Buffer.from(t).toString('hex')}";`, encoding: ['hex'] }),
  (t) => ({
    text: `"${[...t].map((c) => `\\u00${hex2(c.charCodeAt(0))}`).join('')}"`,
    encoding: ['escape'],
  }),
  (t) => ({
    text: `q=${[...t].map((c) => `%${hex2(c.charCodeAt(0))}`).join('')}`,
    encoding: ['percent'],
  }),
];

function run(command, args, cwd, env, input) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.error) throw result.error;
  return result;
}

function gitOk(cwd, env, ...args) {
  const result = run('git', args, cwd, env);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function isolatedEnv() {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('GIT_') && name !== 'SEG_HOOK_SKIP' && name !== 'SKIP') env[name] = value;
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Corpus',
    GIT_AUTHOR_EMAIL: 'corpus@example.com',
    GIT_COMMITTER_NAME: 'Corpus',
    GIT_COMMITTER_EMAIL: 'corpus@example.com',
    NO_COLOR: '1',
  };
}

function scan(cli, repo, env) {
  const started = Date.now();
  const result = run(process.execPath, [cli, '--format', 'json'], repo, env);
  const seconds = (Date.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`seg-hook could not scan: ${result.stderr}`);
  return {
    findings: JSON.parse(result.stdout).findings,
    seconds,
    output: result.stdout + result.stderr,
  };
}

/** Plants one token in `content` (a string); returns the new content and the token's position. */
function plant(content, token, random) {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const lines = content.split('\n');
  if (random(4) === 0) {
    const at = random(lines.length);
    const { text, encoding } = ENCODED_LINE_SHAPES[random(ENCODED_LINE_SHAPES.length)](token);
    lines.splice(at, 0, text + (eol === '\r\n' ? '\r' : ''));
    return { content: lines.join('\n'), line: at + 1, column: null, encoding };
  }
  if (random(2) === 0 || lines.length < 2) {
    // A new line of its own, before line `at` (1-based after insertion).
    const at = random(lines.length);
    const text = NEW_LINE_SHAPES[random(NEW_LINE_SHAPES.length)](token);
    lines.splice(at, 0, text + (eol === '\r\n' ? '\r' : ''));
    return { content: lines.join('\n'), line: at + 1, column: text.indexOf(token) + 1 };
  }
  // Inside an existing line, just after a character that cannot be part of a token.
  const at = random(lines.length);
  const line = lines[at];
  const candidates = [0];
  for (let i = 1; i <= line.length; i++) if (!/[A-Za-z0-9_]/.test(line[i - 1])) candidates.push(i);
  const cut = candidates[random(candidates.length)];
  const inserted = `/*${token}*/`;
  lines[at] = line.slice(0, cut) + inserted + line.slice(cut);
  return { content: lines.join('\n'), line: at + 1, column: cut + 3 };
}

function runCorpusCheck(options) {
  const started = Date.now();
  const env = isolatedEnv();
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-corpus-')));
  try {
    // 1. Copy the corpus.
    const packages = packageDirs(path.join(ROOT, 'node_modules')).slice(0, options.packages);
    const files = [];
    let bytes = 0;
    let lines = 0;
    for (const dir of packages) {
      const name = path.relative(path.join(ROOT, 'node_modules'), dir);
      for (const file of corpusFiles(dir)) {
        const relative = path.join(name, path.relative(dir, file));
        const target = path.join(work, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const content = fs.readFileSync(file);
        fs.writeFileSync(target, content);
        bytes += content.length;
        lines += content.toString('latin1').split('\n').length;
        files.push(relative.split(path.sep).join('/'));
      }
    }
    gitOk(work, env, 'init', '-q', '-b', 'main');
    // The corpus is content, whatever its own ignore files say.
    const stageStarted = Date.now();
    gitOk(work, env, 'add', '-A', '-f', '--', '.');
    const stageSeconds = (Date.now() - stageStarted) / 1000;

    // 2. Everything staged as new: no finding at all.
    const clean = scan(options.cli, work, env);

    // 3. Commit it, plant tokens in a deterministic sample, stage, expect exactly the plants.
    gitOk(work, env, 'commit', '-q', '--no-verify', '-m', 'corpus');
    const random = prng(SEED);
    const plants = [];
    const step = Math.max(1, Math.floor(files.length / options.plants));
    for (let i = 0; i < files.length && plants.length < options.plants; i += step) {
      const file = files[i];
      const buffer = fs.readFileSync(path.join(work, file));
      const text = buffer.toString('utf8');
      // Positions are in UTF-16 units of the decoded line: only plant where decoding is exact.
      if (!Buffer.from(text, 'utf8').equals(buffer)) continue;
      const token = tokenFor(plants.length);
      const planted = plant(text, token, random);
      fs.writeFileSync(path.join(work, file), planted.content);
      plants.push({
        file,
        line: planted.line,
        column: planted.column,
        encoding: planted.encoding,
        token,
      });
    }
    gitOk(work, env, 'add', '-A', '-f', '--', '.');
    const withPlants = scan(options.cli, work, env);

    // An encoded token's column is inside its encoded text: it is matched by line and chain.
    const key = (f) =>
      f.encoding
        ? `${f.file}:${f.line} (${f.encoding.join('>')})`
        : `${f.file}:${f.line}:${f.column}`;
    const expected = new Set(plants.map(key));
    const found = new Set(withPlants.findings.map(key));
    const missed = plants.filter((p) => !found.has(key(p))).map(key);
    const unexpected = withPlants.findings
      .filter((f) => !expected.has(key(f)))
      .map((f) => `${key(f)} [${f.ruleId}]`);
    const leaked = plants.filter((p) => withPlants.output.includes(p.token)).length;
    const encodedPlants = plants.filter((p) => p.encoding);
    return {
      corpus: {
        packages: packages.length,
        files: files.length,
        lines,
        megabytes: +(bytes / 1e6).toFixed(1),
      },
      stageSeconds,
      clean: {
        findings: clean.findings.length,
        seconds: clean.seconds,
        details: clean.findings.map((f) => `${key(f)} [${f.ruleId}]`),
      },
      planted: {
        tokens: plants.length,
        encoded: encodedPlants.length,
        encodedFound: encodedPlants.filter((p) => found.has(key(p))).length,
        found: plants.length - missed.length,
        missed,
        unexpected,
        leaked,
        seconds: withPlants.seconds,
      },
      totalSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(options.cli)) {
    console.error(`false-positive-corpus: ${options.cli} is missing; run npm run build first.`);
    process.exit(2);
  }
  const report = runCorpusCheck(options);
  const ok =
    report.clean.findings === 0 &&
    report.planted.missed.length === 0 &&
    report.planted.unexpected.length === 0 &&
    report.planted.leaked === 0;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ok, ...report }, null, 2)}\n`);
  } else {
    const { corpus, clean, planted } = report;
    console.log(
      `corpus: ${corpus.packages} packages, ${corpus.files} files, ${corpus.lines} lines, ${corpus.megabytes} MB (staged in ${report.stageSeconds.toFixed(1)} s)`,
    );
    console.log(
      `clean scan: ${clean.findings} findings (false positives) in ${clean.seconds.toFixed(1)} s`,
    );
    for (const detail of clean.details) console.log(`  false positive: ${detail}`);
    console.log(
      `planted: ${planted.found}/${planted.tokens} tokens found, ${planted.unexpected.length} unexpected, ${planted.leaked} leaked, in ${planted.seconds.toFixed(1)} s`,
    );
    for (const miss of planted.missed) console.log(`  missed: ${miss}`);
    for (const extra of planted.unexpected) console.log(`  unexpected: ${extra}`);
    console.log(`total ${report.totalSeconds.toFixed(1)} s: ${ok ? 'OK' : 'FAILED'}`);
  }
  process.exit(ok ? 0 : 1);
}

module.exports = { runCorpusCheck };
if (require.main === module) main();
