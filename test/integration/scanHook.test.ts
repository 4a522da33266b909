/**
 * The CLI inside a real pre-commit hook, under the commit styles that make git use a temporary
 * index (`git commit -a`, `git commit <path>`, `git commit -i <path>`). The hook here is a
 * plain script written by the test; the real installer is tested elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { CLI, isolatedEnv, linesOf, RunResult, ScanSession, writeScript } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

function repoWithHook(): TempRepo {
  const repo = session.repo();
  repo.stage({ 'app.js': 'const a = 1;\n', 'other.js': 'const o = 1;\n' });
  repo.commit('base');
  writeScript(
    path.join(repo.dir, '.git', 'hooks', 'pre-commit'),
    `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`,
  );
  return repo;
}

const head = (repo: TempRepo) => repo.git('rev-parse', 'HEAD').trim();

function commit(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  return session.run(repo, 'git', ['commit', ...args], { env: isolatedEnv(env) });
}

function expectBlocked(repo: TempRepo, result: RunResult, before: string, where: string): void {
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('Commit blocked');
  expect(result.stderr).toContain(where);
  expect(head(repo)).toBe(before);
}

describe('a pre-commit hook running the CLI', () => {
  test('git commit -a: a token only in the work tree of a tracked file is blocked', () => {
    const repo = repoWithHook();
    const before = head(repo);
    repo.write('app.js', `const a = 1;\nconst key = "${session.token()}";\n`);
    expect(repo.git('diff', '--cached', '--name-only')).toBe('');
    expectBlocked(repo, commit(repo, ['-a', '-m', 'x']), before, 'app.js:2:14');
  });

  test('git commit <path> and git commit -i <path> are blocked likewise', () => {
    const repo = repoWithHook();
    const before = head(repo);
    repo.write('app.js', `const key = "${session.token()}";\n`);
    expectBlocked(repo, commit(repo, ['app.js', '-m', 'x']), before, 'app.js:1:14');
    expectBlocked(repo, commit(repo, ['-i', 'app.js', '-m', 'x']), before, 'app.js:1:14');
    expectBlocked(repo, commit(repo, ['--only', 'app.js', '-m', 'x']), before, 'app.js:1:14');
  });

  test('a plain commit of a staged token is blocked', () => {
    const repo = repoWithHook();
    const before = head(repo);
    repo.stage({ 'new.env': `SEGMENT_API_TOKEN=${session.token()}\n` });
    expectBlocked(repo, commit(repo, ['-m', 'x']), before, 'new.env:1:19');
  });

  test('what the commit does not include does not block it', () => {
    const repo = repoWithHook();
    // A token in the work tree only, with a clean staged change: `git commit` passes.
    repo.write('app.js', `const key = "${session.token()}";\n`);
    repo.stage({ 'other.js': 'const o = 2;\n' });
    const before = head(repo);
    const plain = commit(repo, ['-m', 'clean']);
    expect(plain.status).toBe(0);
    expect(head(repo)).not.toBe(before);
    expect(repo.git('show', 'HEAD:app.js')).toBe('const a = 1;\n');

    // A token staged in app.js, but `git commit other.js` commits only other.js.
    repo.git('add', 'app.js');
    repo.write('other.js', 'const o = 3;\n');
    const partial = commit(repo, ['other.js', '-m', 'only other']);
    expect(partial.status).toBe(0);
    expect(repo.git('show', 'HEAD:other.js')).toBe('const o = 3;\n');
    expect(repo.git('show', 'HEAD:app.js')).toBe('const a = 1;\n');
  });

  test('a clean git commit -a passes', () => {
    const repo = repoWithHook();
    const before = head(repo);
    repo.write('app.js', 'const a = 2;\n');
    const result = commit(repo, ['-a', '-m', 'clean']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(head(repo)).not.toBe(before);
  });

  test('SEG_HOOK_SKIP=1 lets a blocked commit through with one warning line', () => {
    const repo = repoWithHook();
    repo.write('app.js', `const key = "${session.token()}";\n`);
    const result = commit(repo, ['-q', '-a', '-m', 'skip'], { SEG_HOOK_SKIP: '1' });
    expect(result.status).toBe(0);
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/skipped/);
  });

  test('a scan that cannot run (exit 2) blocks the commit', () => {
    const repo = repoWithHook();
    const before = head(repo);
    fs.writeFileSync(path.join(repo.dir, '.seg-hookrc.json'), '{ "ignorePaths": [ }');
    repo.write('app.js', 'const a = 2;\n');
    const result = commit(repo, ['-a', '-m', 'x']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('.seg-hookrc.json');
    expect(head(repo)).toBe(before);
  });
});
