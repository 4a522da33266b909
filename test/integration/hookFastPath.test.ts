/**
 * The hook's own invocations (`seg-hook` and `seg-hook --staged`) skip commander and run from
 * a smaller bundle (src/cli/stagedHook.ts). Every outcome must be the one the full CLI gives
 * for the same scan: `--staged --format text` goes through commander and the full bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, RunResult, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const FULL_CLI = ['--staged', '--format', 'text'];

function runAll(repo: TempRepo, env: NodeJS.ProcessEnv = {}, cwd?: string): RunResult[] {
  const options = { env: isolatedEnv(env), cwd };
  return [[], ['--staged'], FULL_CLI].map((args) => session.scan(repo, args, options));
}

function expectSameOutcome(results: RunResult[], status: number): void {
  const [bare, staged, full] = results;
  expect(full.status).toBe(status);
  expect(bare).toEqual(full);
  expect(staged).toEqual(full);
}

function repoWithBase(): TempRepo {
  const repo = session.repo();
  repo.stage({ 'README.md': '# demo\n' });
  repo.commit('base');
  return repo;
}

describe('the hook fast path gives the full CLI outcome', () => {
  test('nothing staged, and a clean change: exit 0, no output', () => {
    const repo = repoWithBase();
    expectSameOutcome(runAll(repo), 0);
    repo.stage({ 'app.js': 'const a = 1;\n' });
    const results = runAll(repo);
    expectSameOutcome(results, 0);
    expect(results[0].stderr).toBe('');
  });

  test('a staged token: exit 1, the same report', () => {
    const repo = repoWithBase();
    repo.stage({ 'src/app.js': `const key = "${session.token()}";\n` });
    const results = runAll(repo);
    expectSameOutcome(results, 1);
    expect(results[0].stderr).toContain('src/app.js:1:14');
  });

  test('from a subdirectory, with a risky file warning', () => {
    const repo = repoWithBase();
    repo.stage({ 'pkg/.env': 'A=1\n', 'pkg/x.js': `k = "${session.token(16)}"\n` });
    const results = runAll(repo, {}, path.join(repo.dir, 'pkg'));
    expectSameOutcome(results, 1);
    expect(results[0].stderr).toContain('pkg/.env');
  });

  test('a configuration with ignorePaths and rule settings (zod and micromatch load)', () => {
    const repo = repoWithBase();
    repo.write(
      '.seg-hookrc.json',
      JSON.stringify({ ignorePaths: ['docs/**'], sourcegraphTokens: 'warn' }),
    );
    repo.stage({
      'docs/guide.md': `token: ${session.token()}\n`,
      'src/a.js': `const s = "${session.sourcegraphToken()}";\n`,
    });
    const results = runAll(repo);
    expectSameOutcome(results, 0);
    expect(results[0].stderr).toContain('src/a.js');
    expect(results[0].stderr).not.toContain('docs/guide.md');
  });

  test('a baseline: the recorded token passes, a new one blocks', () => {
    const repo = repoWithBase();
    repo.stage({ 'old.js': `k = "${session.token()}"\n` });
    repo.commit('old');
    expect(session.scan(repo, ['baseline']).status).toBe(0);
    repo.git('add', '.seg-hook-baseline.json');
    // The recorded token's line rewritten in its own file (a baseline holds only in its files).
    repo.stage({ 'old.js': repo.read('old.js').replace('k = ', 'key = ') });
    expectSameOutcome(runAll(repo), 0);
    repo.stage({ 'new.js': `k = "${session.token()}"\n` });
    expectSameOutcome(runAll(repo), 1);
  });

  test('the bypass variables', () => {
    const repo = repoWithBase();
    repo.stage({ 'a.js': `k = "${session.token()}"\n` });
    expectSameOutcome(runAll(repo, { SEG_HOOK_SKIP: '1' }), 0);
    expectSameOutcome(runAll(repo, { SKIP: 'lint,seg-hook' }), 0);
  });

  test('failures: not a repository, a malformed configuration, a broken index', () => {
    const outside = session.tempDir();
    const [bare, staged, full] = [[], ['--staged'], FULL_CLI].map((args) =>
      session.scan(session.repo(), args, { cwd: outside, env: isolatedEnv() }),
    );
    expectSameOutcome([bare, staged, full], 2);
    expect(full.stderr).toMatch(/not inside a git repository/);

    const repo = repoWithBase();
    repo.write('.seg-hookrc.json', '{ "ignorePaths": [ }');
    repo.stage({ 'a.js': 'x\n' });
    expectSameOutcome(runAll(repo), 2);

    const broken = repoWithBase();
    broken.stage({ 'a.js': 'x\n' });
    fs.writeFileSync(path.join(broken.dir, '.git', 'index'), 'not an index');
    const results = runAll(broken);
    expectSameOutcome(results, 2);
    expect(results[0].stderr.trim().split('\n')).toHaveLength(1);
  });
});
