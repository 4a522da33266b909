/**
 * New files are searched with `git grep --cached` and the other changes diffed (see
 * src/scan/stagedCommands.ts). Whatever the mix of changes, the findings must be exactly those
 * of the added lines: the same files, lines and columns as the single diff would give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GitCallLog, StagedRoute, stagedRouteOf, stepOf } from '../helpers/gitCalls';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, Location, positionOf, ScanSession } from './scanSupport';

const session = new ScanSession();
const calls = new GitCallLog();
afterAll(() => {
  session.cleanup();
  calls.cleanup();
});

const MIXED: [StagedRoute, StagedRoute] = ['one patch', 'grep + patch'];
const NEW_ONLY: [StagedRoute, StagedRoute] = ['one patch', 'grep'];

function sorted(locations: Location[]): Location[] {
  return [...locations]
    .map(({ file, line, column }) => ({ file, line, column }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function at(file: string, content: string, token: string): Location {
  const { line, column } = positionOf(content, token);
  return { file, line, column };
}

/**
 * Both report paths (text without counts, JSON with them) find exactly `expected`, on both
 * routes: as it is (the whole patch, up to 64 changes), and with 65 new files that hold nothing
 * to find staged beside the changes (git grep, and the patch of any other change; the new
 * files are shared among several greps on a machine of more than one core). `routes` are the
 * routes git's recorded calls must show for the two runs.
 */
function expectFindings(
  repo: TempRepo,
  expected: Location[],
  routes: [StagedRoute, StagedRoute],
  cwd?: string,
): void {
  const check = (route: StagedRoute) => {
    const env = calls.env(isolatedEnv());
    calls.take();
    const { report, status } = session.json(repo, [], { cwd, env });
    expect(stagedRouteOf(calls.take())).toBe(route);
    expect(status).toBe(expected.length > 0 ? 1 : 0);
    expect(sorted(report.findings)).toEqual(sorted(expected));
    const text = session.scan(repo, ['--staged'], { cwd, env });
    expect(stagedRouteOf(calls.take())).toBe(route);
    for (const { file, line, column } of expected) {
      expect(text.stderr).toContain(`${file}:${line}:${column}`);
    }
  };
  check(routes[0]);
  withManyChanges(repo, () => check(routes[1]));
}

/** Runs `body` with 65 new files staged (past MAX_CHANGES_READ_WHOLE), then unstages them. */
function withManyChanges(repo: TempRepo, body: () => void): void {
  for (let i = 0; i < 65; i++) repo.write(`zz-filler/${i}.txt`, `filler ${i}\n`);
  repo.git('add', 'zz-filler');
  try {
    body();
  } finally {
    repo.git('rm', '-r', '-q', '--cached', 'zz-filler');
    fs.rmSync(path.join(repo.dir, 'zz-filler'), { recursive: true, force: true });
  }
}

function baseRepo(): TempRepo {
  const repo = session.repo();
  repo.stage({
    'keep.js': 'const a = 1;\nconst b = 2;\n',
    'old/name.txt': 'line one\nline two\nline three\nline four\n',
    'tracked.env': 'DEBUG=1\n',
  });
  repo.commit('base');
  return repo;
}

describe('a commit that adds files', () => {
  test('new files of every kind next to modified and renamed ones', () => {
    const repo = baseRepo();
    const expected: Location[] = [];
    const add = (file: string, content: string, tokens: string[]) => {
      repo.write(file, content);
      for (const token of tokens) expected.push(at(file, content, token));
    };
    const t = () => session.token();
    const [t1, t2, t3, t4, t5, t6, t7, t8] = [t(), t(), t(), t(), t(), t(), t(), t()];
    add('src/new.js', `// header\nconst key = "${t1}";\nconst b = "${t2}"; // two\n`, [t1, t2]);
    add('crlf.txt', `first\r\nsegment_api_token: "${t3}"\r\n`, [t3]);
    add('no-newline.txt', `x\ny = ${t4}`, [t4]);
    add('data.bin', `\0\x01binary\0${t5}\0\n`, [t5]);
    add('dir with space/file "quoted".md', `see ${t6}\n`, [t6]);
    add('keep.js', `const a = 1;\nconst c = "${t7}";\nconst b = 2;\n`, [t7]);
    repo.write('empty.env', '');
    repo.git('add', '-A');
    fs.mkdirSync(path.join(repo.dir, 'new'));
    repo.git('mv', 'old/name.txt', 'new/name.txt');
    const renamed = `line one\nline two\nline three\nline four\ntoken=${t8}\n`;
    add('new/name.txt', renamed, [t8]);
    // A new symlink whose target is a token: git grep skips symlinks, the diff reads them.
    const linkTarget = t();
    fs.symlinkSync(linkTarget, path.join(repo.dir, 'link'));
    expected.push({ file: 'link', line: 1, column: 1 });
    repo.git('add', '-A');
    expectFindings(repo, expected, MIXED);
  });

  test('a SHA-256 repository: 64-digit ids in the list and in the new files index', () => {
    const repo = session.repo();
    fs.rmSync(path.join(repo.dir, '.git'), { recursive: true, force: true });
    repo.git('init', '-q', '--object-format=sha256', '-b', 'main');
    repo.stage({ 'keep.js': 'const a = 1;\n', 'gone.txt': 'bye\n' });
    repo.commit('base');
    const expected: Location[] = [];
    const [t1, t2, t3] = [session.token(), session.token(), session.token()];
    const changed = `const a = 1;\nconst key = "${t1}";\n`;
    repo.write('keep.js', changed);
    expected.push(at('keep.js', changed, t1));
    for (const [file, token] of [
      ['src/new.js', t2],
      ['ünïcode/ファイル.env', t3],
    ]) {
      const content = `x\nSEGMENT_TOKEN=${token}\n`;
      repo.write(file, content);
      expected.push(at(file, content, token));
    }
    repo.remove('gone.txt');
    repo.git('add', '-A');
    expect(repo.git('rev-parse', ':keep.js').trim()).toHaveLength(64);
    expectFindings(repo, expected, MIXED);
  });

  test('one new file and several changed ones (the diff excludes the new file)', () => {
    const repo = baseRepo();
    const [t1, t2] = [session.token(), session.token()];
    const fresh = `a\nb = "${t1}"\n`;
    const keep = `const a = 1;\nconst b = 2;\nconst k = "${t2}";\n`;
    repo.stage({ 'fresh.js': fresh, 'keep.js': keep, 'tracked.env': 'DEBUG=2\n' });
    expectFindings(repo, [at('fresh.js', fresh, t1), at('keep.js', keep, t2)], MIXED);
  });

  test('a new file whose name is not UTF-8 is still scanned (by the diff)', () => {
    const repo = baseRepo();
    const token = session.token();
    const name = Buffer.concat([
      Buffer.from(`${repo.dir}/odd`),
      Buffer.from([0xff]),
      Buffer.from('.txt'),
    ]);
    fs.writeFileSync(name, `k=${token}\n`);
    const plain = `z = "${session.token()}"\n`;
    repo.write('plain.txt', plain);
    repo.git('add', '-A');
    const { report } = session.json(repo);
    expect(report.findings.map((f) => [f.line, f.column])).toEqual([
      [1, 3],
      [1, 6],
    ]);
    expect(report.findings.map((f) => f.file)).toContain('plain.txt');
  });

  test('a new file staged, then changed only in the work tree: the staged content counts', () => {
    const repo = baseRepo();
    const staged = session.token();
    repo.stage({ 'later.txt': `v=${staged}\n` });
    repo.write('later.txt', 'nothing here now\n');
    expectFindings(repo, [{ file: 'later.txt', line: 1, column: 3 }], NEW_ONLY);
  });

  test('from a subdirectory, names are from the top', () => {
    const repo = baseRepo();
    const token = session.token();
    const content = `x\nkey: ${token}\n`;
    repo.stage({ 'pkg/a/new.yml': content });
    fs.mkdirSync(path.join(repo.dir, 'pkg', 'b'), { recursive: true });
    expectFindings(
      repo,
      [at('pkg/a/new.yml', content, token)],
      NEW_ONLY,
      path.join(repo.dir, 'pkg', 'b'),
    );
  });

  test('thousands of new files with long names (shared among the greps)', () => {
    const repo = baseRepo();
    const long = 'd'.repeat(120);
    const files: Record<string, string> = {};
    const expected: Location[] = [];
    for (let i = 0; i < 2500; i++) {
      const file = `${long}/${String(i).padStart(5, '0')}-${long}.txt`;
      files[file] = `line\n`;
      if (i % 500 === 7) {
        const token = session.token();
        files[file] = `line\nvalue ${token}\n`;
        expected.push({ file, line: 2, column: 7 });
      }
    }
    for (const [file, content] of Object.entries(files)) repo.write(file, content);
    repo.git('add', '-A');
    expectFindings(repo, expected, ['grep', 'grep']);
  });

  test('a rename next to a new file adds nothing: the old token in the renamed file is not new', () => {
    const repo = baseRepo();
    const old = session.token();
    repo.stage({ 'old.txt': `${Array.from({ length: 30 }, (_, i) => i).join('\n')}\nk ${old}\n` });
    repo.commit('with an old token');
    repo.git('mv', 'old.txt', 'renamed.txt');
    repo.stage({ 'new.txt': 'clean\n' });
    expectFindings(repo, [], MIXED);
    // Renamed with an edit: only the edit is new.
    const fresh = session.token();
    repo.write('renamed.txt', `${repo.read('renamed.txt')}v ${fresh}\n`);
    repo.git('add', 'renamed.txt');
    expectFindings(repo, [{ file: 'renamed.txt', line: 32, column: 3 }], MIXED);
  });

  test('a large environment does not stop the scan (arguments stay small)', () => {
    const repo = baseRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`n/${'f'.repeat(80)}${i}.txt`] = `x${i}\n`;
    const token = session.token();
    files['n/last.txt'] = `t ${token}\n`;
    for (const [file, content] of Object.entries(files)) repo.write(file, content);
    repo.stage({ 'keep.js': 'const a = 1;\nconst b = 3;\n' });
    repo.git('add', '-A');
    // An environment of 1.95 MB in all: Linux allows 2 MiB (2,097,152 bytes) of arguments and
    // environment together, so 256 KiB of pathspecs on one command line failed to spawn (E2BIG).
    const envBytes = (env: NodeJS.ProcessEnv) =>
      Object.entries(env).reduce((sum, [k, v]) => sum + k.length + (v ?? '').length + 10, 0);
    const big: NodeJS.ProcessEnv = {};
    let room = 1_950_000 - envBytes(isolatedEnv());
    for (let i = 0; room > 0; i++, room -= 100_030) {
      big[`SEG_HOOK_TEST_BIG_${i}`] = 'x'.repeat(Math.min(100_000, room));
    }
    const result = session.json(repo, [], { env: isolatedEnv(big) });
    expect(result.status).toBe(1);
    expect(result.report.findings.map((f) => f.file)).toEqual(['n/last.txt']);
  });
});

describe('risky-file warnings and new files', () => {
  test('no warning for lines only deleted from a .env, one for lines added', () => {
    const repo = baseRepo();
    repo.stage({ '.env': 'A=1\nB=2\n' });
    repo.commit('env');
    repo.stage({ '.env': 'A=1\n', 'fresh.txt': 'new\n' });
    for (const args of [[], ['--format', 'json']]) {
      expect(session.scan(repo, args).stderr).not.toContain('.env is being committed');
    }
    repo.stage({ '.env': 'A=1\nC=3\n' });
    expect(session.scan(repo).stderr).toContain('.env is being committed');
    expect(session.json(repo).report.warnings).toEqual([{ kind: 'risky-file', file: '.env' }]);
  });
});

describe('finding order', () => {
  test('path order whatever diff.orderFile says, with and without new files', () => {
    const repo = baseRepo();
    repo.stage({ 'a.js': 'a\n', 'm/b.js': 'b\n', 'z.js': 'z\n' });
    repo.commit('three files');
    fs.writeFileSync(path.join(repo.dir, '.git', 'order'), 'z.js\nm/*\na.js\n');
    repo.git('config', 'diff.orderFile', '.git/order');
    const files = () => session.json(repo).report.findings.map((f) => f.file);
    repo.stage({
      'a.js': `a\nk = "${session.token()}"\n`,
      'm/b.js': `b\nk = "${session.token()}"\n`,
      'z.js': `z\nk = "${session.token()}"\n`,
    });
    expect(files()).toEqual(['a.js', 'm/b.js', 'z.js']);
    repo.stage({ 'm/new.js': `k = "${session.token()}"\n` });
    expect(files()).toEqual(['a.js', 'm/b.js', 'm/new.js', 'z.js']);
  });
});

describe("the new files' own index", () => {
  /** 70 new files (past MAX_CHANGES_READ_WHOLE: the git grep route), 5 with a token. */
  function repoWithNewFiles(): { repo: TempRepo; expected: Location[] } {
    const repo = baseRepo();
    const expected: Location[] = [];
    for (let i = 0; i < 65; i++) repo.write(`more/${i}.txt`, `plain ${i}\n`);
    for (let i = 0; i < 5; i++) {
      const content = `line one\nkey = "${session.token()}"\n`;
      repo.write(`fresh/f${i}.txt`, content);
      expected.push(at(`fresh/f${i}.txt`, content, content.split('"')[1]));
    }
    repo.git('add', '-A');
    return { repo, expected };
  }

  test('is written in a private temporary directory and removed, on success and on failure', () => {
    const { repo, expected } = repoWithNewFiles();
    const tmp = fs.mkdtempSync(path.join(repo.dir, '..', 'seg-hook-tmpdir-'));
    try {
      const env = calls.env(isolatedEnv({ TMPDIR: tmp }));
      calls.take();
      const { report, status } = session.json(repo, [], { env });
      expect(stagedRouteOf(calls.take())).toBe('grep');
      expect(status).toBe(1);
      expect(sorted(report.findings)).toEqual(sorted(expected));
      expect(fs.readdirSync(tmp)).toEqual([]);
      // git cannot read one of the blobs: the scan fails closed, and still cleans up.
      const id = repo.git('rev-parse', ':fresh/f2.txt').trim();
      fs.rmSync(path.join(repo.dir, '.git', 'objects', id.slice(0, 2), id.slice(2)));
      const failed = session.scan(repo, ['--staged'], { env });
      expect(failed.status).toBe(2);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('no usable temporary directory: the single diff finds the same', () => {
    const { repo, expected } = repoWithNewFiles();
    const env = calls.env(
      isolatedEnv({ TMPDIR: path.join(repo.dir, '..', 'seg-hook-no-such-dir') }),
    );
    calls.take();
    const { report, status } = session.json(repo, [], { env });
    expect(stagedRouteOf(calls.take())).toBe('patch');
    expect(status).toBe(1);
    expect(sorted(report.findings)).toEqual(sorted(expected));
    expect(session.scan(repo, ['--staged'], { env }).status).toBe(1);
  });

  test("leaves the repository's own files alone, even with core.splitIndex", () => {
    const { repo } = repoWithNewFiles();
    repo.git('config', 'core.splitIndex', 'true');
    repo.git('update-index', '--split-index');
    const list = () => fs.readdirSync(path.join(repo.dir, '.git')).sort();
    const before = list();
    const index = fs.readFileSync(path.join(repo.dir, '.git', 'index'));
    expect(session.scan(repo).status).toBe(1);
    expect(list()).toEqual(before);
    expect(fs.readFileSync(path.join(repo.dir, '.git', 'index'))).toEqual(index);
  });

  test('a git built without PCRE: the patch of all is read instead and finds the same', () => {
    const { repo, expected } = repoWithNewFiles();
    const bin = fs.mkdtempSync(path.join(repo.dir, '..', 'seg-hook-nopcre-'));
    try {
      // git's own refusal of -P when it was built without USE_LIBPCRE; other calls are
      // logged and run (calls.dir holds the logging wrapper).
      fs.writeFileSync(
        path.join(bin, 'git'),
        [
          '#!/bin/sh',
          'for arg in "$@"; do',
          '  if [ "$arg" = "-P" ]; then',
          `    echo "fatal: cannot use Perl-compatible regexes when not compiled with USE_LIBPCRE" >&2`,
          '    exit 128',
          '  fi',
          'done',
          `exec '${path.join(calls.dir, 'git')}' "$@"`,
          '',
        ].join('\n'),
        { mode: 0o755 },
      );
      const env = isolatedEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
      calls.take();
      const { report, status } = session.json(repo, [], { env });
      expect(status).toBe(1);
      expect(sorted(report.findings)).toEqual(sorted(expected));
      const ran = calls.take();
      // The refused greps never reached the log; no POSIX regex search replaced them.
      expect(stagedRouteOf(ran)).toBe('patch');
      expect(ran.filter((call) => stepOf(call) === 'grep')).toEqual([]);
      // The hook's own entry point (a bundle of its own) too.
      const text = session.scan(repo, ['--staged'], { env });
      expect(text.status).toBe(1);
      for (const { file, line, column } of expected) {
        expect(text.stderr).toContain(`${file}:${line}:${column}`);
      }
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});
