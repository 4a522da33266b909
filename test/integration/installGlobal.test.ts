/**
 * `install --global` / `uninstall --global` edge cases with the built CLI (the e2e test does the
 * real `npm install -g`): --dry-run changes nothing, a file of the user's in the directory or a
 * global config that sets core.hooksPath twice is refused, a covered repository's own install
 * changes nothing. A temp HOME and GIT_CONFIG_GLOBAL each time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function setUp(gitconfig = '') {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-home-')));
  cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  const config = path.join(home, '.gitconfig');
  fs.writeFileSync(config, gitconfig);
  const env = isolatedEnv({ HOME: home, XDG_CONFIG_HOME: undefined, GIT_CONFIG_GLOBAL: config });
  const repo = new TempRepo('seg-hook-global-');
  cleanups.push(() => repo.cleanup());
  const hooksDir = path.join(home, '.config', 'seg-hook', 'hooks');
  return { home, config, env, repo, hooksDir };
}

test('--dry-run lists the steps and changes nothing', () => {
  const { config, env, repo, hooksDir } = setUp();
  const result = repo.segHook(['install', '--global', '--dry-run'], { env });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`  - write ${path.join(hooksDir, 'commit-msg')} (mode 755)`);
  expect(result.stdout).toContain(`  - set git's global core.hooksPath to ${hooksDir}`);
  expect(fs.existsSync(hooksDir)).toBe(false);
  expect(fs.readFileSync(config, 'utf8')).toBe('');
});

test("a file of the user's in the directory is refused; nothing changes", () => {
  const { config, env, repo, hooksDir } = setUp();
  fs.mkdirSync(hooksDir, { recursive: true });
  fs.writeFileSync(path.join(hooksDir, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const result = repo.segHook(['install', '--global'], { env });
  expect(result.status).toBe(2);
  expect(result.stderr).toBe(
    `seg-hook: ${path.join(hooksDir, 'pre-commit')} exists and was not written by seg-hook install --global. Move it away and run install --global again; nothing was changed.\n`,
  );
  expect(fs.readdirSync(hooksDir)).toEqual(['pre-commit']);
  expect(fs.readFileSync(config, 'utf8')).toBe('');
});

test('a global config that sets core.hooksPath twice is refused, not guessed at', () => {
  const original = '[core]\n\thooksPath = /a\n\thooksPath = /b\n';
  const { config, env, repo, hooksDir } = setUp(original);
  const result = repo.segHook(['install', '--global'], { env });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/sets core\.hooksPath 2 times \(git uses the last\)/);
  expect(fs.existsSync(hooksDir)).toBe(false);
  expect(fs.readFileSync(config, 'utf8')).toBe(original);
});

test("a covered repository's own install changes nothing and says why; twice is idempotent", () => {
  const { env, repo, hooksDir } = setUp();
  expect(repo.segHook(['install', '--global'], { env }).status).toBe(0);
  const again = repo.segHook(['install', '--global'], { env });
  expect(again.stdout).toMatch(/already installed machine-wide \(pre-commit\) .* up to date/);
  const local = repo.segHook(['install'], { env });
  expect(local.status).toBe(0);
  expect(local.stdout).toMatch(
    /^seg-hook: seg-hook's machine-wide hooks \(install --global, .*\) already run in this repository/,
  );
  expect(fs.readFileSync(path.join(hooksDir, 'pre-commit'), 'utf8')).toMatch(
    /seg-hook-managed-global/,
  );
  const status = repo.segHook(['status'], { env });
  expect(status.status).toBe(0);
  expect(status.stdout).toMatch(/pre-commit: git runs .*\(seg-hook's machine-wide hooks/);
});
