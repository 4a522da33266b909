/**
 * The index of new files that git grep searches (src/git/newFileIndex.ts) is written by us,
 * not by git: it must be what `git update-index -z --index-info` writes for the same entries,
 * byte for byte, in SHA-1 and SHA-256 repositories, and git must read it back.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { encodeIndex, NewFileEntry, writeNewFileIndex } from '../../src/git/newFileIndex';
import { ScanError } from '../../src/errors';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

function newRepo(objectFormat: 'sha1' | 'sha256'): TempRepo {
  const repo = new TempRepo('seg-hook-index-');
  repos.push(repo);
  // TempRepo inits a SHA-1 repository; start again in the format under test.
  fs.rmSync(path.join(repo.dir, '.git'), { recursive: true, force: true });
  repo.git('init', '-q', `--object-format=${objectFormat}`);
  return repo;
}

function blob(repo: TempRepo, content: string): string {
  const file = path.join(repo.dir, '..', `${path.basename(repo.dir)}-blob`);
  fs.writeFileSync(file, content);
  try {
    return repo.git('hash-object', '-w', '--', file).trim();
  } finally {
    fs.rmSync(file);
  }
}

/** The same entries written by git, into a file beside the repository. */
function gitsIndex(repo: TempRepo, entries: NewFileEntry[]): Buffer {
  const indexFile = `${repo.dir}-git-index`;
  const input = entries.map((e) => `${e.newMode} ${e.newId}\t${e.file}\0`).join('');
  const result = spawnSync('git', ['update-index', '-z', '--index-info'], {
    cwd: repo.dir,
    input,
    env: isolatedEnv({ GIT_INDEX_FILE: indexFile }),
  });
  if (result.status !== 0) throw new Error(String(result.stderr));
  try {
    return fs.readFileSync(indexFile);
  } finally {
    fs.rmSync(indexFile);
  }
}

/** Names git sorts differently from a naive string sort, and ones longer than 0xFFF bytes. */
function entriesOf(repo: TempRepo): NewFileEntry[] {
  const a = blob(repo, 'one\n');
  const b = blob(repo, 'two\nsecond line\n');
  const long = `${'deep/'.repeat(900)}file.txt`; // 4,508 bytes: longer than the flags can say
  return [
    { file: 'b.txt', newMode: '100644', newId: a },
    { file: 'a/über ñ.js', newMode: '100755', newId: b },
    { file: 'a.b', newMode: '100644', newId: a },
    { file: 'a-b', newMode: '100644', newId: b },
    { file: 'a/b', newMode: '100644', newId: a },
    { file: 'Z', newMode: '100644', newId: b },
    { file: long, newMode: '100644', newId: a },
    { file: '日本語/ファイル.md', newMode: '100644', newId: b },
    // UTF-16 puts the emoji (a surrogate pair) first, UTF-8 bytes the fullwidth letter.
    { file: 'wide/\u{1F600}.txt', newMode: '100644', newId: a },
    { file: 'wide/\uFF21.txt', newMode: '100644', newId: b },
    // Names of every length modulo 8: every amount of NUL padding, 1 to 8 bytes.
    ...Array.from({ length: 8 }, (_, i) => ({
      file: `pad/${'p'.repeat(i + 1)}`,
      newMode: '100644',
      newId: a,
    })),
  ];
}

describe.each(['sha1', 'sha256'] as const)('the new files index in a %s repository', (format) => {
  test('is byte for byte what git update-index --index-info writes', () => {
    const repo = newRepo(format);
    const entries = entriesOf(repo);
    expect(encodeIndex(entries)).toEqual(gitsIndex(repo, entries));
  });

  test('the same bytes whatever order the entries come in', () => {
    const repo = newRepo(format);
    const entries = entriesOf(repo);
    const expected = gitsIndex(repo, entries);
    const byBytes = [...entries].sort((x, y) =>
      Buffer.compare(Buffer.from(x.file), Buffer.from(y.file)),
    );
    const byUtf16 = [...entries].sort((x, y) => (x.file < y.file ? -1 : 1));
    for (const order of [byBytes, byUtf16, [...byBytes].reverse()]) {
      expect(encodeIndex(order)).toEqual(expected);
    }
  });

  test('git reads it back: every entry, mode and blob', () => {
    const repo = newRepo(format);
    const entries = entriesOf(repo);
    const indexFile = `${repo.dir}-our-index`;
    writeNewFileIndex(indexFile, entries);
    try {
      expect(fs.statSync(indexFile).mode & 0o777).toBe(0o600);
      const env = isolatedEnv({ GIT_INDEX_FILE: indexFile });
      const listed = repo
        .run('git', ['ls-files', '-s', '-z'], { env })
        .stdout.split('\0')
        .filter(Boolean);
      const expected = [...entries]
        .sort((x, y) => Buffer.compare(Buffer.from(x.file), Buffer.from(y.file)))
        .map((e) => `${e.newMode} ${e.newId} 0\t${e.file}`);
      expect(listed).toEqual(expected);
    } finally {
      fs.rmSync(indexFile, { force: true });
    }
  });
});

describe('writeNewFileIndex', () => {
  test('never overwrites an existing file', () => {
    const repo = newRepo('sha1');
    const indexFile = `${repo.dir}-existing`;
    fs.writeFileSync(indexFile, 'mine');
    try {
      expect(() => writeNewFileIndex(indexFile, entriesOf(repo))).toThrow(/EEXIST/);
      expect(fs.readFileSync(indexFile, 'utf8')).toBe('mine');
    } finally {
      fs.rmSync(indexFile);
    }
  });

  test('refuses what git diff --raw never lists for a new regular file', () => {
    const id = 'a'.repeat(40);
    const bad: NewFileEntry[][] = [
      [{ file: 'link', newMode: '120000', newId: id }],
      [{ file: 'f', newMode: '100644', newId: 'a'.repeat(39) }],
      [{ file: 'f', newMode: '100644', newId: 'G'.repeat(40) }],
      [
        { file: 'f', newMode: '100644', newId: id },
        { file: 'g', newMode: '100644', newId: 'a'.repeat(64) },
      ],
    ];
    for (const entries of bad) expect(() => encodeIndex(entries)).toThrow(ScanError);
  });
});
