/**
 * Only what the next commit adds counts: lines added in the index relative to HEAD (or to the
 * empty tree on an unborn branch). Everything else in the repository or the work tree is not
 * the commit's business.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { positionOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

/** Lines of filler so that renames stay similar enough for git to pair them. */
function body(lines: number, tag = 'line'): string {
  return Array.from({ length: lines }, (_, i) => `${tag} ${i + 1}: nothing to see here`).join('\n');
}

/** `git mv`, creating the destination directory first (git does not). */
function gitMv(repo: TempRepo, from: string, to: string): void {
  fs.mkdirSync(path.join(repo.dir, path.dirname(to)), { recursive: true });
  repo.git('mv', from, to);
}

/** A repo whose HEAD holds `files` (committed without any hook). */
function committedRepo(files: Record<string, string>): TempRepo {
  const repo = session.repo();
  repo.stage(files);
  repo.commit('base');
  return repo;
}

describe('lines that the commit does not add are not reported', () => {
  test('a token on a removed line', () => {
    const token = session.token();
    const repo = committedRepo({
      'app.js': `const a = 1;\nconst key = "${token}";\nconst b = 2;\n`,
    });
    repo.stage({ 'app.js': 'const a = 1;\nconst b = 2;\n' });
    expect(repo.git('diff', '--cached', '--name-only')).toBe('app.js\n');
    const { status, report } = session.json(repo);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
  });

  test('a token on an unchanged line next to modified lines; a new token there is found', () => {
    const old = session.token();
    const repo = committedRepo({ 'config.js': `first\nkey("${old}")\nthird\n` });
    repo.stage({ 'config.js': `first changed\nkey("${old}")\nthird changed\n` });
    expect(session.json(repo).report.findings).toEqual([]);
    expect(session.scan(repo).status).toBe(0);

    const fresh = session.token();
    const content = `first changed ${fresh}\nkey("${old}")\nthird changed\n`;
    repo.stage({ 'config.js': content });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings.map(({ file, line, column }) => ({ file, line, column }))).toEqual([
      { file: 'config.js', ...pick(positionOf(content, fresh)) },
    ]);
  });

  test('a token in a deleted file', () => {
    const repo = committedRepo({ 'secrets.txt': `${session.token()}\n`, 'keep.txt': 'keep\n' });
    repo.git('rm', '-q', 'secrets.txt');
    const { status, report } = session.json(repo);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
  });

  test('a token in an unstaged change of a tracked file', () => {
    const repo = committedRepo({ 'app.js': 'const a = 1;\n' });
    repo.write('app.js', `const a = 1;\nconst key = "${session.token()}";\n`);
    repo.stage({ 'other.js': 'const clean = true;\n' });
    const { status, report } = session.json(repo);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary.filesScanned).toBe(1);
  });

  test('a token in an untracked file', () => {
    const repo = committedRepo({ 'app.js': 'const a = 1;\n' });
    repo.write('notes/untracked.env', `SEGMENT_API_TOKEN=${session.token()}\n`);
    repo.stage({ 'app.js': 'const a = 2;\n' });
    expect(session.json(repo).report.findings).toEqual([]);
  });

  test('a purely renamed file (git mv), also into another directory', () => {
    const repo = committedRepo({
      'old.env': `${body(5)}\nTOKEN=${session.token()}\n`,
      'src/deep/old.js': `${body(3)}\nconst t = "${session.token()}";\n`,
    });
    gitMv(repo, 'old.env', 'new.env');
    gitMv(repo, 'src/deep/old.js', 'lib/new.js');
    expect(repo.git('status', '--porcelain')).toContain('R  old.env -> new.env');
    const { status, report } = session.json(repo);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
  });

  test('a mode change of a file that holds a token', () => {
    const repo = committedRepo({ 'run.sh': `#!/bin/sh\nexport T=${session.token()}\n` });
    repo.git('update-index', '--chmod=+x', 'run.sh');
    expect(repo.git('diff', '--cached', '--name-only')).toBe('run.sh\n');
    expect(session.json(repo).report.findings).toEqual([]);
  });
});

describe('what the index adds is reported, whatever the work tree says', () => {
  test('a token staged and then removed from the work tree (not re-staged)', () => {
    const token = session.token();
    const repo = committedRepo({ 'app.js': 'const a = 1;\n' });
    const content = `const a = 1;\nconst key = "${token}";\n`;
    repo.stage({ 'app.js': content });
    repo.write('app.js', 'const a = 1;\n');
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: 'app.js', ...positionOf(content, token) });
  });

  test('a staged new file whose work-tree copy was deleted', () => {
    const token = session.token();
    const repo = committedRepo({ 'a.txt': 'a\n' });
    repo.stage({ 'gone.txt': `${token}\n` });
    repo.remove('gone.txt');
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'gone.txt', line: 1, column: 1 });
  });

  test('a modified line that still holds an old token is added again, so it is reported', () => {
    const token = session.token();
    const repo = committedRepo({ 'k.txt': `key=${token}\n` });
    repo.stage({ 'k.txt': `key=${token} # rotated soon\n` });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'k.txt', line: 1, column: 5 });
  });

  test('added lines that look like diff syntax keep their line numbers', () => {
    const tokens = [0, 1, 2, 3, 4].map(() => session.token());
    const repo = committedRepo({ 'tricky.txt': 'top\nbottom\n' });
    const content = [
      'top',
      `++ ${tokens[0]}`,
      `-- ${tokens[1]}`,
      `@@ -1,2 +1,3 @@ ${tokens[2]}`,
      `diff --git a/x b/x ${tokens[3]}`,
      `\\ No newline at end of file ${tokens[4]}`,
      'bottom',
      '',
    ].join('\n');
    repo.stage({ 'tricky.txt': content });
    const { report } = session.json(repo);
    expect(report.findings.map(({ line, column }) => ({ line, column }))).toEqual(
      tokens.map((token) => pick(positionOf(content, token))),
    );
  });

  test('a file that git would call binary (NUL bytes) is still scanned', () => {
    const token = session.token();
    const repo = committedRepo({ 'a.txt': 'a\n' });
    repo.stage({ 'data.bin': Buffer.from(`\0\0header\nkey=${token}\n\0`, 'utf8') });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings[0]).toMatchObject({ file: 'data.bin', line: 2, column: 5 });
  });
});

describe('unborn branches and renames', () => {
  test('the first commit of a repository (no HEAD yet) is scanned', () => {
    const repo = session.repo();
    expect(repo.tryGit(['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0);
    expect(session.json(repo)).toMatchObject({ status: 0, report: { findings: [] } });

    const token = session.token();
    const content = `# first\nSEGMENT_TOKEN="${token}"\n`;
    repo.stage({ 'settings.cfg': content, 'README.md': '# hello\n' });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      file: 'settings.cfg',
      ...positionOf(content, token),
    });
  });

  test('a clean first commit exits 0', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# hello\n' });
    expect(session.scan(repo)).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('a rename with an added token line reports the new path and the new line number', () => {
    const repo = committedRepo({ 'src/old name.js': `${body(20)}\n` });
    gitMv(repo, 'src/old name.js', 'lib/new name.js');
    const token = session.token();
    const lines = body(20).split('\n');
    lines.splice(10, 0, `const key = "${token}";`);
    const content = `${lines.join('\n')}\n`;
    repo.stage({ 'lib/new name.js': content });
    expect(repo.git('status', '--porcelain')).toMatch(/^RM? +"?src\/old name\.js"? -> /m);
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      file: 'lib/new name.js',
      ...positionOf(content, token),
    });
  });
});

function pick({ line, column }: { line: number; column: number }) {
  return { line, column };
}
