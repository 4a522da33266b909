/**
 * The generated repositories, each with something staged and a known number of planted tokens:
 *   typical  (a) 5 modified files, 200 added lines
 *   large    (b) 2,000 new files, about 50 MB of mixed text, a few hundred tokens
 *   oneLine  (c) one 20 MB single-line file with several tokens in it
 *   base64   (d) one 20 MB file made mostly of base64 (inline images, lockfile hashes), with
 *                decoding on, and the same with `"decode": false` (what decoding costs)
 *   empty        nothing staged (start-up cost)
 * Everything comes from seeded PRNGs: the same input on every run and every machine.
 */
'use strict';

const { Buffer } = require('node:buffer');
const { Rng } = require('./prng');
const { KINDS, NON_ASCII_WORDS, bundlePiece, codeLine, identifier } = require('./content');
const { BODY_LENGTHS, countPrefix, decoy, realToken } = require('./tokens');
const { BenchRepo } = require('./gitRepo');

const MiB = 1024 * 1024;

/** Tokens to plant: `real` ones to find and `decoys` that must not be reported, in lines. */
class PlantBook {
  constructor(rng) {
    this.rng = rng;
    this.expected = 0;
    this.decoys = 0;
    this.realTokens = [];
    this.prefixes = 0;
  }

  real(bodyLength) {
    const token = realToken(this.rng, bodyLength ?? BODY_LENGTHS[this.realTokens.length % 4]);
    this.realTokens.push(token);
    this.expected += 1;
    this.prefixes += 1;
    return token;
  }

  decoy() {
    const text = decoy(this.rng);
    this.decoys += 1;
    this.prefixes += countPrefix(text);
    return text;
  }
}

/** Fixture self-check: every prefix on disk was planted, so the expected count is exact. */
function assertOnlyPlanted(label, prefixesOnDisk, book) {
  if (prefixesOnDisk !== book.prefixes) {
    throw new Error(
      `${label}: fixture has ${prefixesOnDisk} prefixes, planted ${book.prefixes} (generator bug)`,
    );
  }
}

/** (a) A typical commit: 5 files of an existing project modified, 200 lines added. */
function buildTypical(root) {
  const rng = new Rng(0xa11ce);
  const repo = new BenchRepo(root, 'typical');
  const files = [];
  for (let i = 0; i < 30; i++) {
    const file = `src/module${String(i % 6).padStart(2, '0')}/file${String(i).padStart(2, '0')}.ts`;
    const lines = Array.from({ length: rng.between(120, 200) }, () => codeLine(rng));
    repo.write(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  repo.commitAll('base');

  const book = new PlantBook(rng);
  // Distinct new lines (a version suffix), so the diff adds exactly 40 lines per file.
  const changedLine = () =>
    `  const ${identifier(rng)} = ${identifier(rng)}(${rng.int(1e6)}); // v2`;
  const plantsPerFile = [
    [book.real(16), book.decoy()],
    [book.real(32)],
    [book.real(40)],
    [book.real(64)],
    [book.decoy(), book.decoy()],
  ];
  let prefixesOnDisk = 0;
  plantsPerFile.forEach((plants, index) => {
    const file = files[index * 6 + 1];
    const lines = repo.read(file).replace(/\n$/, '').split('\n');
    const replaced = Array.from({ length: 20 }, changedLine);
    const inserted = Array.from({ length: 20 }, changedLine);
    plants.forEach((text, k) => (inserted[3 + k * 7] = `  const segmentWriteKey = "${text}";`));
    const at = rng.between(10, 40);
    lines.splice(at, 20, ...replaced);
    lines.splice(rng.between(70, lines.length - 10), 0, ...inserted);
    const content = `${lines.join('\n')}\n`;
    prefixesOnDisk += countPrefix(content);
    repo.write(file, content);
  });
  assertOnlyPlanted('typical', prefixesOnDisk, book);
  repo.git('add', '-A');
  return finish(repo, book, {
    key: 'a',
    title: '(a) typical commit',
    description: '5 modified files',
  });
}

/** (b) A large commit: 2,000 new files, about 50 MB of mixed text, a few hundred tokens. */
function buildLarge(root) {
  const rng = new Rng(0xb16b00b5);
  const repo = new BenchRepo(root, 'large');
  repo.write('README.md', '# bench\n');
  repo.commitAll('base');

  const FILE_COUNT = 2000;
  const TOTAL_BYTES = 50 * MiB;
  const REAL_TOKENS = 300;
  const DECOYS = 120;
  const kindNames = [
    ...Array(9).fill('code'),
    ...Array(4).fill('json'),
    ...Array(2).fill('long'),
    ...Array(3).fill('prose'),
    ...Array(2).fill('config'),
  ];
  // Heavy-tailed sizes scaled to the total: mostly small files, a few of several hundred KB.
  const weights = Array.from({ length: FILE_COUNT }, () => 0.2 + 20 * rng.next() ** 3);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const book = new PlantBook(rng);
  const plants = Array.from({ length: FILE_COUNT }, () => []);
  for (let i = 0; i < REAL_TOKENS;) {
    // One line in ten holds two tokens, or a token and a decoy.
    const line = [book.real()];
    i += 1;
    if (rng.chance(0.1)) {
      if (rng.chance(0.5) && i < REAL_TOKENS) {
        line.push(book.real());
        i += 1;
      } else line.push(book.decoy());
    }
    plants[rng.int(FILE_COUNT)].push(line);
  }
  for (let i = 0; i < DECOYS; i++) plants[rng.int(FILE_COUNT)].push([book.decoy()]);

  let prefixesOnDisk = 0;
  let bytes = 0;
  let crlfFiles = 0;
  let nonAsciiNames = 0;
  for (let i = 0; i < FILE_COUNT; i++) {
    const kindName = rng.pick(kindNames);
    const kind = KINDS[kindName];
    const name = largeFileName(rng, i, kindName, rng.pick(kind.extensions));
    if (/[^\x20-\x7e]/.test(name)) nonAsciiNames += 1;
    const crlf = rng.chance(0.1);
    if (crlf) crlfFiles += 1;
    const target = Math.round((TOTAL_BYTES * weights[i]) / weightSum);
    const content = fileContent(rng, kind, target, plants[i], crlf ? '\r\n' : '\n');
    const data = Buffer.from(content, 'utf8');
    prefixesOnDisk += countPrefix(content);
    bytes += data.length;
    repo.write(name, data);
  }
  assertOnlyPlanted('large', prefixesOnDisk, book);
  repo.git('add', '-A');
  return finish(repo, book, {
    key: 'b',
    title: '(b) large commit',
    description: `${FILE_COUNT} new files (${crlfFiles} CRLF, ${nonAsciiNames} non-ASCII names), ${(bytes / MiB).toFixed(1)} MB`,
  });
}

function largeFileName(rng, index, kindName, extension) {
  const id = String(index).padStart(4, '0');
  if (index % 20 === 7) {
    // Non-ASCII directory and file names, some with spaces.
    const word = rng.pick(NON_ASCII_WORDS.filter((w) => /\p{L}/u.test(w)));
    return `i18n/${word}/${word} ${id}.${extension}`;
  }
  if (index % 50 === 3) return `docs/release notes ${id}.${extension}`;
  return `packages/pkg${String(index % 40).padStart(2, '0')}/${kindName}/${identifier(rng)}-${id}.${extension}`;
}

/** Filler lines of `kind` up to about `target` bytes, with `plants` at random points. */
function fileContent(rng, kind, target, plants, eol) {
  const positions = plants.map(() => rng.next() * target).sort((x, y) => x - y);
  const lines = [];
  let length = 0;
  let next = 0;
  while (length < target || next < plants.length) {
    if (next < plants.length && positions[next] <= length) {
      lines.push(kind.plant(plants[next], rng));
      next += 1;
    } else {
      lines.push(kind.line(rng));
    }
    length += lines[lines.length - 1].length + eol.length;
  }
  // One file in twenty ends without a newline.
  return lines.join(eol) + (rng.chance(0.05) ? '' : eol);
}

/** (c) One 20 MB single-line file (a minified bundle) with several tokens in it. */
function buildOneLine(root) {
  const rng = new Rng(0xc0ffee);
  const repo = new BenchRepo(root, 'one-line');
  repo.write('README.md', '# bench\n');
  repo.commitAll('base');

  const TARGET = 20 * MiB;
  const book = new PlantBook(rng);
  const plants = [
    ...[16, 32, 40, 64, 64, 24].map((length) => book.real(length)),
    book.decoy(),
    book.decoy(),
    book.decoy(),
  ];
  const positions = plants.map(() => rng.next() * TARGET).sort((x, y) => x - y);
  const order = plants.map((text) => ({ text, key: rng.next() })).sort((x, y) => x.key - y.key);
  const pieces = [];
  let length = 0;
  let next = 0;
  while (length < TARGET) {
    const piece =
      next < order.length && positions[next] <= length
        ? `var segmentKey${next}="${order[next++].text}";`
        : bundlePiece(rng);
    pieces.push(piece);
    length += piece.length;
  }
  while (next < order.length) pieces.push(`var segmentKey${next}="${order[next++].text}";`);
  const content = pieces.join('');
  assertOnlyPlanted('one-line', countPrefix(content), book);
  repo.write('dist/bundle.min.js', content); // no trailing newline, like many bundles
  repo.git('add', '-A');
  return finish(repo, book, {
    key: 'c',
    title: '(c) one 20 MB line',
    description: `1 new file, a single line of ${(Buffer.byteLength(content) / MiB).toFixed(1)} MB`,
  });
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * (d) A 20 MB new file that is mostly base64: inline data: URI images (lines of 4-48 KB) and
 * lockfile integrity hashes, with a few plain tokens. `decode` false writes a configuration
 * that turns decoding off, for the row to compare with.
 */
function buildBase64Heavy(root, decode) {
  const rng = new Rng(0xba5e64);
  const repo = new BenchRepo(root, decode ? 'base64-decode' : 'base64-plain');
  repo.write('README.md', '# bench\n');
  if (!decode) repo.write('.seg-hookrc.json', '{ "decode": false }\n');
  repo.commitAll('base');

  const TARGET = 20 * MiB;
  const book = new PlantBook(rng);
  const lines = [];
  let length = 0;
  let planted = 0;
  while (length < TARGET) {
    let line;
    if (planted < 6 && rng.next() < 0.002) {
      line = `  segmentKey${planted++}: "${book.real([16, 32, 64][planted % 3])}",`;
    } else if (rng.next() < 0.3) {
      const size = 4096 + rng.int(44 * 1024);
      line = `  img${lines.length}: "data:image/png;base64,${rng.string(size, BASE64_ALPHABET)}",`;
    } else {
      line = `  "integrity": "sha512-${rng.string(86, BASE64_ALPHABET)}==",`;
    }
    lines.push(line);
    length += line.length + 1;
  }
  const content = `module.exports = {\n${lines.join('\n')}\n};\n`;
  assertOnlyPlanted('base64', countPrefix(content), book);
  repo.write('vendor/assets.js', content);
  repo.git('add', '-A');
  return finish(repo, book, {
    key: decode ? 'd' : 'd0',
    title: decode ? '(d) one 20 MB base64-heavy file' : "(d') the same, decode: false",
    description: `1 new file, ${lines.length} lines, ${(Buffer.byteLength(content) / MiB).toFixed(1)} MB, mostly base64`,
  });
}

/** A repository with a commit and nothing staged: what a scan costs before any diff. */
function buildEmpty(root) {
  const repo = new BenchRepo(root, 'empty');
  repo.write('README.md', '# bench\n');
  repo.commitAll('base');
  return finish(repo, new PlantBook(new Rng(1)), {
    key: 'empty',
    title: 'empty index',
    description: 'nothing staged',
  });
}

function finish(repo, book, info) {
  return {
    ...info,
    repo,
    expected: book.expected,
    decoys: book.decoys,
    realTokens: book.realTokens,
    stagedFiles: repo.stagedFiles(),
    addedLines: repo.addedLineCount(),
  };
}

module.exports = {
  buildTypical,
  buildLarge,
  buildOneLine,
  buildBase64Heavy: (root) => buildBase64Heavy(root, true),
  buildBase64Plain: (root) => buildBase64Heavy(root, false),
  buildEmpty,
  MiB,
};
