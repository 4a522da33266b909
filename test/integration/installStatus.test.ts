/**
 * `seg-hook status`, the check `install` prints at its end, and install no longer trusting a
 * mere mention of seg-hook (issue 15, items 1 and 5). Real temp repositories, the real husky
 * and lint-staged from this checkout's node_modules, real `git commit`s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RunResult, TempRepo } from '../helpers/gitRepo';
import { LeakGuard, writeSegHookShim } from '../helpers/leakGuard';

const HUSKY_BIN = path.resolve(__dirname, '../../node_modules/husky/bin.js');
const LINT_STAGED_BIN = path.resolve(
  __dirname,
  '../../node_modules/lint-staged/bin/lint-staged.js',
);
const BLOCKED = /seg-hook: 1 token found in the staged changes\. Commit blocked\./;

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));
const guard = new LeakGuard();
const check = (result: RunResult): RunResult => guard.check(result);

function newRepo(manifest: Record<string, unknown> = { name: 'app', version: '1.0.0' }): TempRepo {
  const repo = new TempRepo('seg-hook-status-');
  repos.push(repo);
  const bin = writeSegHookShim(repo.dir);
  fs.symlinkSync(LINT_STAGED_BIN, path.join(bin, 'lint-staged'));
  repo.write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  repo.stage({ '.gitignore': 'node_modules/\n', 'package.json': repo.read('package.json') });
  repo.commit('init');
  return repo;
}

const segHook = (repo: TempRepo, args: string[]) => check(repo.segHook(args));
const commit = (repo: TempRepo, message: string) => check(repo.tryGit(['commit', '-m', message]));

describe('seg-hook status', () => {
  test('install (plain), then husky init: status says seg-hook no longer runs, and the fix works', () => {
    const repo = newRepo();
    const installed = segHook(repo, ['install']);
    expect(installed.stdout).toMatch(
      /^Check \(seg-hook status\):\npre-commit: git runs \.git\/hooks\/pre-commit \(git's default hooks directory\)\.\n {2}seg-hook runs: \.git\/hooks\/pre-commit runs .*node_modules\/\.bin\/seg-hook \(node from PATH\)\.$/m,
    );
    expect(segHook(repo, ['status']).status).toBe(0);

    expect(repo.run(process.execPath, [HUSKY_BIN, 'init']).status).toBe(0);
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    const status = segHook(repo, ['status']);
    expect(status.status).toBe(1);
    expect(status.stdout).toContain(
      [
        'pre-commit: git runs .husky/_/pre-commit (husky v9: core.hooksPath .husky/_, set in this repository).',
        '  seg-hook does NOT run, so commits are not scanned: .husky/pre-commit: it does not run seg-hook.',
        '  Fix: npx seg-hook install',
      ].join('\n'),
    );
    // What status says is what happens: a token commit is not scanned (husky runs npm test).
    repo.write('.husky/pre-commit', 'true\n');
    repo.stage({ 'leak.txt': `${guard.token()}\n` });
    expect(commit(repo, 'unscanned').status).toBe(0);

    expect(segHook(repo, ['install']).status).toBe(0);
    expect(segHook(repo, ['doctor']).status).toBe(0);
    repo.stage({ 'leak2.txt': `${guard.token()}\n` });
    expect(commit(repo, 'scanned').stderr).toMatch(BLOCKED);
  });

  test('pre-push is reported on its own; a hook that is not executable does not count', () => {
    const repo = newRepo();
    segHook(repo, ['install']);
    fs.writeFileSync(
      path.join(repo.dir, '.git/hooks/pre-push'),
      '#!/bin/sh\nseg-hook pre-push "$@"\n',
      {
        mode: 0o644,
      },
    );
    const status = segHook(repo, ['status']);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain(
      '  seg-hook does NOT run, so pushes are not scanned: .git/hooks/pre-push is not executable, so git skips it.\n  Fix: npx seg-hook install --pre-push',
    );
  });
});

describe('install does not trust a mention of seg-hook', () => {
  test('lint-staged running seg-hook for *.{js,ts} only: the hook is added and .env.production is scanned', () => {
    const repo = newRepo({
      name: 'app',
      version: '1.0.0',
      'lint-staged': { '*.{js,ts}': 'seg-hook --staged' },
    });
    expect(repo.run(process.execPath, [HUSKY_BIN]).status).toBe(0);
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    const result = segHook(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/installed the pre-commit hook \(husky v9/);
    expect(result.stdout).toContain(
      'Note: lint-staged (package.json) mentions seg-hook, but it runs seg-hook only for "*.{js,ts}", so other files (.env.production, settings.yaml) would not be scanned; so seg-hook\'s hook was added',
    );
    repo.stage({ '.env.production': `SEGMENT_TOKEN=${guard.token()}\n` });
    expect(commit(repo, 'env').stderr).toMatch(BLOCKED);
  });

  test('lint-staged with a catch-all glob still counts: nothing added', () => {
    const repo = newRepo({
      name: 'app',
      version: '1.0.0',
      'lint-staged': { '*': 'seg-hook --staged' },
    });
    expect(repo.run(process.execPath, [HUSKY_BIN]).status).toBe(0);
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    const result = segHook(repo, ['install']);
    expect(result.stdout).toMatch(/seg-hook already runs through lint-staged \(package\.json\)/);
    expect(result.stdout).toMatch(
      /seg-hook runs: \.husky\/pre-commit runs lint-staged, which runs seg-hook on every staged file/,
    );
    expect(repo.read('.husky/pre-commit')).toBe('npx lint-staged\n');
  });

  test.each([
    [
      'a comment and seg-hook explain',
      '#!/bin/sh\n# seg-hook guards this repo\nseg-hook explain > /dev/null\nexit 0\n',
      /line 3 mentions seg-hook but is not a scan of every staged file/,
    ],
    [
      'a scan whose failure is ignored',
      '#!/bin/sh\nnode_modules/.bin/seg-hook --staged || true\n',
      /ignores a failure of seg-hook/,
    ],
    [
      'a scan followed by another command',
      '#!/bin/sh\nnode_modules/.bin/seg-hook --staged\necho done\n',
      /does not stop the hook/,
    ],
  ])(
    'an existing plain hook with %s: the hook is added and a token commit is blocked',
    (_, hook, why) => {
      const repo = newRepo();
      fs.writeFileSync(path.join(repo.dir, '.git/hooks/pre-commit'), hook, { mode: 0o755 });
      const result = segHook(repo, ['install']);
      expect(result.stdout).toMatch(/installed the pre-commit hook/);
      expect(result.stdout).toMatch(why);
      repo.stage({ 'settings.yaml': `token: ${guard.token()}\n` });
      expect(commit(repo, 'leak').stderr).toMatch(BLOCKED);
    },
  );
});

describe('"enabled": false (the per-repository opt-out)', () => {
  test('the hooks pass with one line; explicit scans still scan; status reports it', () => {
    const repo = newRepo();
    segHook(repo, ['install']);
    segHook(repo, ['install', '--pre-push']);
    repo.stage({ '.seg-hookrc.json': '{ "enabled": false }\n' });
    repo.commit('opt out');
    repo.stage({ 'fixture.txt': `${guard.token()}\n` });
    const passed = commit(repo, 'fixture');
    expect(passed.status).toBe(0);
    expect(passed.stderr).toBe(
      'seg-hook: not scanned: this repository opts out of seg-hook\'s hooks ("enabled": false in .seg-hookrc.json).\n',
    );
    // A range (CI) ignores the opt-out: a change cannot switch off its own scan with it.
    const range = segHook(repo, ['--range', 'HEAD~1..HEAD']);
    expect(range.status).toBe(1);
    const status = segHook(repo, ['status']);
    expect(status.status).toBe(1);
    expect(status.stdout).toContain(
      '  seg-hook is switched off here: this repository opts out ("enabled": false in',
    );
  });

  test('a non-boolean value is a configuration error (exit 2), not an opt-out', () => {
    const repo = newRepo();
    repo.write('.seg-hookrc.json', '{ "enabled": "no" }\n');
    const result = segHook(repo, ['--staged']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\.seg-hookrc\.json: enabled: /);
  });
});
