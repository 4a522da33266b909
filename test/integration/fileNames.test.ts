/**
 * File names are reported exactly: JSON `file` is the name as written (repo-relative, `/`
 * separators), whatever characters it holds — including ones that look like diff syntax.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { positionOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const NAMES = [
  'with space.txt',
  'trailing space.txt ',
  ' leading space.txt',
  'tab\tname.txt',
  'new\nline.txt',
  'carriage\rreturn.txt',
  'double"quote.txt',
  'back\\slash.txt',
  'quote" and space.txt',
  '-rf.txt',
  '--help.js',
  'café.txt',
  '中文.txt',
  'emoji 😀.txt',
  'ends with tab\t',
  '+++ b.txt',
  'weird/+++ b/evil.txt',
  'dir b/file.txt',
  'x b/y b/z.txt',
  'diff --git a b.txt',
  '"quoted".txt',
  'sub dir/nested/é file.txt',
  '@@ -1 +1 @@.txt',
];

describe('names with unusual characters', () => {
  let repo: TempRepo;
  const contents = new Map<string, { content: string; token: string }>();

  beforeAll(() => {
    repo = session.repo();
    repo.stage({ 'README.md': 'base\n' });
    repo.commit('base');
    NAMES.forEach((name, i) => {
      const token = session.token();
      contents.set(name, { token, content: `${'\n'.repeat(i % 3)}x = "${token}"\n` });
    });
    // Write with fs (no shell) and stage with `git add --`, so every name reaches git unchanged.
    for (const [name, { content }] of contents) repo.write(name, content);
    repo.git('add', '--', ...NAMES);
  });

  test('git really has every name staged', () => {
    const staged = repo.git('diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);
    expect(staged.sort()).toEqual([...NAMES].sort());
  });

  test('JSON reports each name exactly, at the right line and column', () => {
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings.map((f) => f.file).sort()).toEqual([...NAMES].sort());
    for (const finding of report.findings) {
      const { content, token } = contents.get(finding.file)!;
      const { line, column, endColumn } = positionOf(content, token);
      expect(finding).toMatchObject({ line, column, endColumn });
    }
  });

  test('the text report shows names with control characters JSON-quoted, one finding per line', () => {
    const result = session.scan(repo);
    expect(result.status).toBe(1);
    const findingLines = result.stderr
      .split('\n')
      .filter((l) => l.startsWith('  ') && l.endsWith('[segment-public-api-token]'));
    expect(findingLines).toHaveLength(NAMES.length);
    expect(result.stderr).toContain(`${JSON.stringify('new\nline.txt')}:`);
    expect(result.stderr).toContain(`${JSON.stringify('tab\tname.txt')}:`);
    expect(result.stderr).toContain('  中文.txt:1:');
    expect(result.stderr).toContain('  weird/+++ b/evil.txt:');
  });

  test('each name can be passed as a path argument (absolute, as lint-staged does)', () => {
    for (const name of [
      '-rf.txt',
      '--help.js',
      'new\nline.txt',
      'weird/+++ b/evil.txt',
      'trailing space.txt ',
    ]) {
      const { report } = session.json(repo, [path.join(repo.dir, name)]);
      expect(report.findings.map((f) => f.file)).toEqual([name]);
    }
  });

  test('a leading-dash name can be passed relative to the cwd after "--"', () => {
    const { report } = session.json(repo, ['--', '-rf.txt', '--help.js']);
    expect(report.findings.map((f) => f.file).sort()).toEqual(['--help.js', '-rf.txt']);
  });
});

describe('names that are pathspec magic or tokens themselves', () => {
  test('glob characters in a path argument are literal', () => {
    const repo = session.repo();
    const starToken = session.token();
    repo.stage({
      '*.env': `A=${starToken}\n`,
      'a.env': `A=${session.token()}\n`,
      '[ab].txt': `B=${session.token()}\n`,
      'a.txt': `B=${session.token()}\n`,
    });
    expect(session.json(repo, ['*.env']).report.findings.map((f) => f.file)).toEqual(['*.env']);
    expect(session.json(repo, ['[ab].txt']).report.findings.map((f) => f.file)).toEqual([
      '[ab].txt',
    ]);
    // Taken literally: no file has that name, which is an error rather than a glob.
    const magic = session.scan(repo, [':(glob)*.txt']);
    expect(magic.status).toBe(2);
    expect(magic.stderr).toMatch(/no such file in the work tree or the index: :\(glob\)\*\.txt/);
  });

  test('a name that holds a token is never shown in full', () => {
    const repo = session.repo();
    const nameToken = session.token(24);
    const name = `keys/${nameToken}.txt`;
    repo.stage({ [name]: `k=${session.token()}\n` });
    expect(fs.existsSync(path.join(repo.dir, name))).toBe(true);
    // The sweep in session.scan/json fails the test if the name's token appears anywhere.
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    const text = session.scan(repo);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain('keys/');
  });
});
