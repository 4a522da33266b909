/**
 * New files are searched with `git grep --cached` and the other changes diffed (see
 * src/scan/stagedCommands.ts). Whatever the mix of changes, the findings must be exactly those
 * of the added lines: the same files, lines and columns as the single diff would give.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { Location, positionOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

function sorted(locations: Location[]): Location[] {
  return [...locations]
    .map(({ file, line, column }) => ({ file, line, column }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function at(file: string, content: string, token: string): Location {
  const { line, column } = positionOf(content, token);
  return { file, line, column };
}

/** Both report paths (text without counts, JSON with them) find exactly `expected`. */
function expectFindings(repo: TempRepo, expected: Location[], cwd?: string): void {
  const { report, status } = session.json(repo, [], { cwd });
  expect(status).toBe(expected.length > 0 ? 1 : 0);
  expect(sorted(report.findings)).toEqual(sorted(expected));
  const text = session.scan(repo, ['--staged'], { cwd });
  for (const { file, line, column } of expected) {
    expect(text.stderr).toContain(`${file}:${line}:${column}`);
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
    expectFindings(repo, expected);
  });

  test('one new file and several changed ones (the diff excludes the new file)', () => {
    const repo = baseRepo();
    const [t1, t2] = [session.token(), session.token()];
    const fresh = `a\nb = "${t1}"\n`;
    const keep = `const a = 1;\nconst b = 2;\nconst k = "${t2}";\n`;
    repo.stage({ 'fresh.js': fresh, 'keep.js': keep, 'tracked.env': 'DEBUG=2\n' });
    expectFindings(repo, [at('fresh.js', fresh, t1), at('keep.js', keep, t2)]);
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
    expectFindings(repo, [{ file: 'later.txt', line: 1, column: 3 }]);
  });

  test('from a subdirectory, names are from the top', () => {
    const repo = baseRepo();
    const token = session.token();
    const content = `x\nkey: ${token}\n`;
    repo.stage({ 'pkg/a/new.yml': content });
    fs.mkdirSync(path.join(repo.dir, 'pkg', 'b'), { recursive: true });
    expectFindings(repo, [at('pkg/a/new.yml', content, token)], path.join(repo.dir, 'pkg', 'b'));
  });

  test('thousands of new files with long names (several git grep runs)', () => {
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
    expectFindings(repo, expected);
  });
});
