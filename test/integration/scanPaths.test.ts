/**
 * Where the scan runs from and what it is limited to: subdirectories, path arguments (as
 * lint-staged passes them) and the index git names in GIT_INDEX_FILE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, linesOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

describe('running from a subdirectory and limiting to paths', () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = session.repo();
    repo.stage({
      'root.env': `A=${session.token()}\n`,
      'src/app.js': `const a = "${session.token()}";\n`,
      'src/lib/util.js': `const u = "${session.token()}";\n`,
      'docs/guide.md': `Use ${session.token()} here\n`,
      'src/clean.js': 'const clean = true;\n',
    });
  });

  const files = (args: string[], cwd?: string) =>
    session
      .json(repo, args, { cwd: cwd && path.join(repo.dir, cwd) })
      .report.findings.map((f) => f.file)
      .sort();

  const ALL = ['docs/guide.md', 'root.env', 'src/app.js', 'src/lib/util.js'];

  test('from a subdirectory: the whole index, repo-relative paths', () => {
    expect(files([], 'src/lib')).toEqual(ALL);
    expect(files([], 'docs')).toEqual(ALL);
  });

  test('absolute paths (as lint-staged passes them) limit the scan to those files', () => {
    expect(files([path.join(repo.dir, 'src/app.js')])).toEqual(['src/app.js']);
    expect(
      files([path.join(repo.dir, 'root.env'), path.join(repo.dir, 'src/clean.js')], 'docs'),
    ).toEqual(['root.env']);
  });

  test('relative paths are relative to the cwd', () => {
    expect(files(['util.js'], 'src/lib')).toEqual(['src/lib/util.js']);
    expect(files(['../app.js', '../../docs/guide.md'], 'src/lib')).toEqual([
      'docs/guide.md',
      'src/app.js',
    ]);
    expect(files(['./src/app.js'])).toEqual(['src/app.js']);
  });

  test('a directory argument limits the scan to that directory; "." from the root is everything', () => {
    expect(files(['src'])).toEqual(['src/app.js', 'src/lib/util.js']);
    expect(files(['.'], 'src/lib')).toEqual(['src/lib/util.js']);
    expect(files(['.'])).toEqual(ALL);
  });

  test('a clean file exits 0; a path that names nothing (a typo, a misspelt command) exits 2', () => {
    expect(session.json(repo, ['src/clean.js']).status).toBe(0);
    const cases: Array<[string[], RegExp]> = [
      [['does/not/exist.js'], /no such file in the work tree or the index/],
      [['explian'], /"explian" is neither a command nor a file; did you mean "seg-hook explain"\?/],
      [['--staged', 'src/app.jss'], /no such file in the work tree or the index/],
    ];
    for (const [args, message] of cases) {
      const result = session.scan(repo, args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(linesOf(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });

  test('a path outside the repository: exit 2 and one line, nothing on stdout', () => {
    const outside = session.tempDir();
    fs.writeFileSync(path.join(outside, 'x.js'), 'x\n');
    for (const [args, cwd] of [
      [[path.join(outside, 'x.js')], undefined],
      [['../../x.js'], 'src'],
      [['..'], undefined],
    ] as const) {
      const result = session.scan(repo, [...args], { cwd: cwd && path.join(repo.dir, cwd) });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(linesOf(result.stderr)).toHaveLength(1);
      expect(result.stderr).toMatch(/outside the repository/);
    }
  });
});

describe('GIT_INDEX_FILE (git commit -a / git commit <path> use another index)', () => {
  test('the CLI scans the index named in GIT_INDEX_FILE, not the default one', () => {
    const repo = session.repo();
    repo.stage({ 'f.js': 'const a = 1;\n', 'g.js': 'const g = 1;\n' });
    repo.commit('base');
    const token = session.token();
    repo.write('f.js', `const a = 1;\nconst key = "${token}";\n`);
    // A token staged in the default index only.
    repo.stage({ 'g.js': `const g = "${session.token()}";\n` });

    const otherIndex = path.join(session.tempDir('seg-hook-index-'), 'index');
    const env = isolatedEnv({ GIT_INDEX_FILE: otherIndex });
    expect(session.run(repo, 'git', ['read-tree', 'HEAD'], { env }).status).toBe(0);
    expect(session.run(repo, 'git', ['add', 'f.js'], { env }).status).toBe(0);

    const other = session.json(repo, [], { env });
    expect(other.status).toBe(1);
    expect(other.report.findings.map(({ file, line }) => ({ file, line }))).toEqual([
      { file: 'f.js', line: 2 },
    ]);

    const normal = session.json(repo);
    expect(normal.report.findings.map((f) => f.file)).toEqual(['g.js']);
  });

  test('a relative GIT_INDEX_FILE works from the repository root', () => {
    const repo = session.repo();
    repo.stage({ 'f.js': 'x\n' });
    repo.commit('base');
    repo.write('f.js', `x\ny = "${session.token()}"\n`);
    const env = isolatedEnv({ GIT_INDEX_FILE: '.git/alt-index' });
    session.run(repo, 'git', ['read-tree', 'HEAD'], { env });
    session.run(repo, 'git', ['add', 'f.js'], { env });
    expect(fs.existsSync(path.join(repo.dir, '.git/alt-index'))).toBe(true);
    const result = session.json(repo, [], { env });
    expect(result.report.findings.map((f) => f.file)).toEqual(['f.js']);
    expect(session.json(repo).status).toBe(0);
  });
});
