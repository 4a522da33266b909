/**
 * `seg-hook install` / `uninstall` on plain git hooks, core.hooksPath, linked worktrees and
 * submodules: the built CLI installs into real temp repositories and real `git commit`s run
 * the hook. The project's node_modules/.bin/seg-hook is a shim that runs this checkout's CLI.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { unreachableFor } from '../reliability/support';
import { LeakGuard, writeSegHookShim } from '../helpers/leakGuard';

const repos: TempRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const repo of repos) repo.cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const guard = new LeakGuard();
const token = (): string => guard.token();
const noLeak = (result: RunResult): RunResult => guard.check(result);
const linkBinary = (dir: string): void => void writeSegHookShim(dir);

function newRepo(options: { binary?: boolean } = {}): TempRepo {
  const repo = new TempRepo('seg-hook-install-');
  repos.push(repo);
  if (options.binary !== false) linkBinary(repo.dir);
  repo.stage({ '.gitignore': 'node_modules/\n', 'README.md': 'hello\n' });
  repo.commit('init');
  return repo;
}

function segHook(
  repo: TempRepo,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return noLeak(repo.segHook(args, options));
}

function install(
  repo: TempRepo,
  args: string[] = [],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const result = segHook(repo, ['install', ...args], options);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result;
}

function commit(
  repo: TempRepo,
  args: string[] = ['-m', 'change'],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return noLeak(repo.tryGit(['commit', ...args], options));
}

function expectBlocked(result: RunResult): void {
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/seg-hook: 1 token found in the staged changes\. Commit blocked\./);
  expect(result.stderr).toMatch(/How to fix:/);
  expect(result.stderr).toMatch(/sgp_\w{2}…\w{2}/);
}

function headCount(repo: TempRepo): number {
  return Number(repo.git('rev-list', '--count', 'HEAD').trim());
}

/** Contents and modes of every file in a directory (the observable state of a hooks dir). */
function snapshot(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = fs.lstatSync(full);
    result[name] = stat.isFile()
      ? `${(stat.mode & 0o777).toString(8)}:${fs.readFileSync(full, 'utf8')}`
      : 'other';
  }
  return result;
}

const hooksDir = (repo: TempRepo) => path.join(repo.dir, '.git', 'hooks');

describe('plain git hooks', () => {
  test('a token commit is blocked and redacted; a clean one passes; the hook is a 755 LF sh script', () => {
    const repo = newRepo();
    const result = install(repo);
    expect(result.stdout).toMatch(
      /^seg-hook: installed the pre-commit hook \(git hooks in \.git\/hooks\)\.$/m,
    );
    expect(result.stdout).toMatch(/wrote \.git\/hooks\/pre-commit \(mode 755\)/);

    const hook = path.join(hooksDir(repo), 'pre-commit');
    const text = fs.readFileSync(hook, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).not.toContain('\r');
    expect(fs.statSync(hook).mode & 0o777).toBe(0o755);

    repo.stage({ 'config.js': `const key = "${token()}";\n` });
    expectBlocked(commit(repo));
    expect(headCount(repo)).toBe(1);

    repo.git('rm', '-q', '--cached', 'config.js');
    repo.stage({ 'clean.js': 'const key = process.env.SEGMENT_API_TOKEN;\n' });
    const clean = commit(repo);
    expect(clean.status).toBe(0);
    expect(headCount(repo)).toBe(2);
  });

  test('installing twice changes nothing and leaves one hook invocation', () => {
    const repo = newRepo();
    install(repo);
    const first = snapshot(hooksDir(repo));
    const again = install(repo);
    expect(again.stdout).toMatch(/already installed and up to date/);
    expect(snapshot(hooksDir(repo))).toEqual(first);
    repo.stage({ 'a.env': `TOKEN=${token()}\n` });
    const blocked = commit(repo);
    expectBlocked(blocked);
    expect(blocked.stderr.match(/Commit blocked/g)).toHaveLength(1);
  });

  test('git commit -a and git commit <path> scan the index git is committing', () => {
    const repo = newRepo();
    repo.stage({ 'settings.js': 'module.exports = {};\n', 'other.js': '1\n' });
    repo.commit('tracked');
    install(repo);
    // The token is only in the working tree of a tracked file: plain `git commit` has nothing to add.
    repo.write('settings.js', `module.exports = { key: "${token()}" };\n`);
    expectBlocked(commit(repo, ['-a', '-m', 'all']));
    expectBlocked(commit(repo, ['-m', 'path', '--', 'settings.js']));
    fs.mkdirSync(path.join(repo.dir, 'sub'));
    expectBlocked(
      commit(repo, ['-m', 'path', '--', '../settings.js'], { cwd: path.join(repo.dir, 'sub') }),
    );
    expect(headCount(repo)).toBe(2);
    // Another tracked file, committed by path while settings.js stays dirty: clean.
    repo.write('other.js', '2\n');
    expect(commit(repo, ['-m', 'other', '--', 'other.js']).status).toBe(0);
  });

  test('an existing hook keeps running first, still blocks, and uninstall puts it back exactly', () => {
    const repo = newRepo();
    const hook = path.join(hooksDir(repo), 'pre-commit');
    const original =
      '#!/bin/sh\n# my hook\necho "custom ran" >> "$(git rev-parse --show-toplevel)/side-effect.log"\n[ ! -f "$(git rev-parse --show-toplevel)/fail-custom" ]\n';
    fs.writeFileSync(hook, original, { mode: 0o750 });
    fs.chmodSync(hook, 0o750);

    const result = install(repo);
    expect(result.stdout).toMatch(
      /moved \.git\/hooks\/pre-commit to \.git\/hooks\/pre-commit\.seg-hook-chained/,
    );
    expect(result.stdout).toMatch(/runs first; its failure still blocks the commit/);

    repo.stage({ 'ok.txt': 'fine\n' });
    expect(commit(repo).status).toBe(0);
    expect(repo.read('side-effect.log')).toBe('custom ran\n');

    repo.write('fail-custom', '');
    repo.stage({ 'ok2.txt': 'fine\n' });
    const failed = commit(repo);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).not.toMatch(/seg-hook: \d+ token/); // the chained hook stopped it
    repo.remove('fail-custom');

    repo.stage({ 'bad.txt': `${token()}\n` });
    expectBlocked(commit(repo));
    expect(repo.read('side-effect.log')).toBe('custom ran\ncustom ran\ncustom ran\n');

    const removed = segHook(repo, ['uninstall']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(
      /moved \.git\/hooks\/pre-commit\.seg-hook-chained to \.git\/hooks\/pre-commit/,
    );
    expect(fs.readFileSync(hook, 'utf8')).toBe(original);
    expect(fs.statSync(hook).mode & 0o777).toBe(0o750);
    expect(fs.existsSync(`${hook}.seg-hook-chained`)).toBe(false);
    expect(commit(repo).status).toBe(0); // only the custom hook again: the token passes
  });

  test('uninstall without a chained hook removes ours; a second uninstall changes nothing', () => {
    const repo = newRepo();
    const before = snapshot(hooksDir(repo));
    install(repo);
    expect(segHook(repo, ['uninstall']).status).toBe(0);
    expect(snapshot(hooksDir(repo))).toEqual(before);
    const again = segHook(repo, ['uninstall']);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/not installed/);
  });

  test('a newer version replaces an older hook of ours, keeping a backup', () => {
    const repo = newRepo();
    install(repo);
    const hook = path.join(hooksDir(repo), 'pre-commit');
    const current = fs.readFileSync(hook, 'utf8');
    const older = current
      .replace('format=2', 'format=0')
      .replace('exec "$seg_hook_bin"', 'exec  "$seg_hook_bin"');
    fs.writeFileSync(hook, older);
    const result = install(repo);
    expect(result.stdout).toMatch(
      /copied \.git\/hooks\/pre-commit to \.git\/hooks\/pre-commit\.seg-hook-backup \(backup\)/,
    );
    expect(result.stdout).toMatch(/updated \.git\/hooks\/pre-commit/);
    expect(fs.readFileSync(hook, 'utf8')).toBe(current);
    expect(fs.readFileSync(`${hook}.seg-hook-backup`, 'utf8')).toBe(older);
  });

  test('--dry-run prints the plan and changes nothing', () => {
    const repo = newRepo();
    fs.writeFileSync(path.join(hooksDir(repo), 'pre-commit'), '#!/bin/sh\nexit 0\n', {
      mode: 0o755,
    });
    const before = snapshot(hooksDir(repo));
    const result = segHook(repo, ['install', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--dry-run .*nothing was changed/);
    expect(result.stdout).toMatch(
      /move \.git\/hooks\/pre-commit to \.git\/hooks\/pre-commit\.seg-hook-chained/,
    );
    expect(result.stdout).toMatch(/write \.git\/hooks\/pre-commit \(mode 755\)/);
    expect(snapshot(hooksDir(repo))).toEqual(before);

    install(repo);
    const installed = snapshot(hooksDir(repo));
    const dryUninstall = segHook(repo, ['uninstall', '--dry-run']);
    expect(dryUninstall.stdout).toMatch(
      /move \.git\/hooks\/pre-commit\.seg-hook-chained to \.git\/hooks\/pre-commit/,
    );
    expect(snapshot(hooksDir(repo))).toEqual(installed);
  });

  test('a hook that already runs seg-hook is left alone (no double scan) unless --force', () => {
    const repo = newRepo();
    const hook = path.join(hooksDir(repo), 'pre-commit');
    fs.writeFileSync(hook, '#!/bin/sh\nnpx seg-hook --staged\n', { mode: 0o755 });
    const result = install(repo);
    expect(result.stdout).toMatch(
      /seg-hook already runs from \.git\/hooks\/pre-commit \(line 2\).*nothing changed/,
    );
    expect(result.stdout).toMatch(/npx/);
    expect(fs.readFileSync(hook, 'utf8')).toBe('#!/bin/sh\nnpx seg-hook --staged\n');
    install(repo, ['--force']);
    expect(fs.existsSync(`${hook}.seg-hook-chained`)).toBe(true);
  });
});

describe('where git looks for hooks', () => {
  test('core.hooksPath (relative): the hook goes there and is effective, also installed from a subdirectory', () => {
    const repo = newRepo();
    repo.git('config', 'core.hooksPath', '.githooks');
    fs.mkdirSync(path.join(repo.dir, 'src', 'deep'), { recursive: true });
    const result = install(repo, [], { cwd: path.join(repo.dir, 'src', 'deep') });
    expect(result.stdout).toMatch(/core\.hooksPath \.githooks/);
    expect(result.stdout).toMatch(/created directory \.githooks/);
    expect(fs.existsSync(path.join(repo.dir, '.githooks', 'pre-commit'))).toBe(true);
    expect(fs.existsSync(path.join(hooksDir(repo), 'pre-commit'))).toBe(false);
    repo.stage({ 'x.txt': `${token()}\n` });
    expectBlocked(commit(repo));
  });

  test("a commit in a fresh linked worktree (no node_modules) is scanned with the main worktree's seg-hook", () => {
    const repo = newRepo();
    install(repo);
    const worktree = path.join(
      fs.realpathSync(os.tmpdir()),
      `seg-hook-wt-${process.pid}-${Date.now()}`,
    );
    dirs.push(worktree);
    repo.git('worktree', 'add', '-q', worktree);
    expect(fs.existsSync(path.join(worktree, 'node_modules'))).toBe(false);
    fs.writeFileSync(path.join(worktree, 'leak.txt'), `${token()}\n`);
    repo.tryGit(['add', 'leak.txt'], { cwd: worktree });
    expectBlocked(commit(repo, ['-m', 'wt'], { cwd: worktree }));
    fs.writeFileSync(path.join(worktree, 'leak.txt'), 'nothing\n');
    repo.tryGit(['add', 'leak.txt'], { cwd: worktree });
    expect(commit(repo, ['-m', 'wt'], { cwd: worktree }).status).toBe(0);
    // install run from the linked worktree finds the same (shared) hooks directory
    const fromWorktree = segHook(repo, ['install'], { cwd: worktree });
    expect(fromWorktree.stdout).toMatch(/already installed and up to date/);
  });

  test('a submodule gets its own hook in .git/modules/<name>/hooks', () => {
    const inner = newRepo();
    inner.stage({ 'lib.js': '1\n' });
    inner.commit('lib');
    const outer = newRepo({ binary: false });
    outer.git(
      '-c',
      'protocol.file.allow=always',
      'submodule',
      'add',
      '-q',
      inner.dir,
      'vendor/lib',
    );
    outer.commit('add submodule');
    const sub = path.join(outer.dir, 'vendor', 'lib');
    linkBinary(sub);
    const result = install(outer, [], { cwd: sub });
    const expectedHook = path.join(
      outer.dir,
      '.git',
      'modules',
      'vendor',
      'lib',
      'hooks',
      'pre-commit',
    );
    expect(fs.existsSync(expectedHook)).toBe(true);
    expect(result.stdout).toContain(path.dirname(expectedHook));
    fs.writeFileSync(path.join(sub, 'leak.txt'), `${token()}\n`);
    outer.tryGit(['add', 'leak.txt'], { cwd: sub });
    expectBlocked(commit(outer, ['-m', 'sub'], { cwd: sub }));
    expect(fs.existsSync(path.join(hooksDir(outer), 'pre-commit'))).toBe(false);
  });

  test('a core.hooksPath from the global config is refused (one line, exit 2) unless --force', () => {
    const repo = newRepo();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-global-'));
    dirs.push(home);
    const globalHooks = path.join(home, 'hooks');
    const globalConfig = path.join(home, 'gitconfig');
    fs.writeFileSync(globalConfig, `[core]\n\thooksPath = ${globalHooks}\n`);
    const env = isolatedEnv({ GIT_CONFIG_GLOBAL: globalConfig });

    for (const command of ['install', 'uninstall', 'install --dry-run']) {
      const refused = segHook(repo, command.split(' '), { env });
      expect(refused.status).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr).toMatch(/core\.hooksPath is set in your global git config/);
      expect(refused.stderr).toContain(globalConfig);
      expect(refused.stderr).toMatch(/every repository/);
      expect(refused.stderr).toMatch(/--force/);
    }
    expect(fs.existsSync(globalHooks)).toBe(false);

    // A repository-local core.hooksPath overrides the global one: allowed.
    repo.git('config', 'core.hooksPath', '.githooks');
    install(repo, [], { env });
    repo.git('config', '--unset', 'core.hooksPath');

    const forced = install(repo, ['--force'], { env });
    expect(forced.stdout).toContain(globalHooks);
    expect(fs.existsSync(path.join(globalHooks, 'pre-commit'))).toBe(true);
    repo.stage({ 'g.txt': `${token()}\n` });
    expectBlocked(commit(repo, ['-m', 'g'], { env }));
  });
});

describe('failures', () => {
  test('a read-only hooks directory: exit 2, one clear line, nothing changed', () => {
    const repo = newRepo();
    const dir = hooksDir(repo);
    fs.writeFileSync(path.join(dir, 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const before = snapshot(dir);
    const asRoot = process.getuid?.() === 0;
    // root ignores permission bits: run the CLI as an unprivileged user that owns the repo.
    const nobody = 65534;
    // Say in one line when that user cannot reach node or the CLI (a private checkout or node).
    const unreachable = asRoot ? unreachableFor(nobody) : null;
    if (unreachable) throw new Error(unreachable);
    if (asRoot) spawnSync('chown', ['-R', `${nobody}:${nobody}`, repo.dir]);
    fs.chmodSync(dir, 0o555);
    try {
      const result = spawnSync(process.execPath, [CLI, 'install'], {
        cwd: repo.dir,
        env: isolatedEnv({ HOME: repo.dir }),
        encoding: 'utf8',
        ...(asRoot ? { uid: nobody, gid: nobody } : {}),
      });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^seg-hook: cannot move pre-commit to \.git\/hooks\/pre-commit\.seg-hook-chained: permission denied \(EACCES\); nothing was changed\.\n$/,
      );
      expect(snapshot(dir)).toEqual(before);
    } finally {
      fs.chmodSync(dir, 0o755);
      if (asRoot) spawnSync('chown', ['-R', '0:0', repo.dir]);
    }
  });

  test('outside a git repository: exit 2, one line', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-norepo-')));
    dirs.push(dir);
    const result = spawnSync(process.execPath, [CLI, 'install'], {
      cwd: dir,
      env: isolatedEnv({ GIT_CEILING_DIRECTORIES: path.dirname(dir) }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^seg-hook: cannot find the git repository: not inside a git repository\.\n$/,
    );
  });

  test('an unknown option is a one-line usage error', () => {
    const repo = newRepo();
    const result = segHook(repo, ['install', '--bogus']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--bogus/);
  });
});

describe('the installed hook at commit time', () => {
  test('without node_modules it blocks with one clear message and downloads nothing', () => {
    const repo = newRepo();
    const result = install(repo);
    expect(result.stdout).not.toMatch(/does not exist yet/);
    fs.rmSync(path.join(repo.dir, 'node_modules'), { recursive: true });
    // An npx on PATH that records being called: the hook must never reach for it.
    const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-fakebin-'));
    dirs.push(fakeBin);
    const marker = path.join(fakeBin, 'npx-was-called');
    fs.writeFileSync(path.join(fakeBin, 'npx'), `#!/bin/sh\ntouch "${marker}"\nexit 0\n`, {
      mode: 0o755,
    });
    const env = isolatedEnv({ PATH: `${fakeBin}${path.delimiter}${process.env.PATH}` });

    repo.stage({ 'x.txt': `${token()}\n` });
    const blocked = commit(repo, ['-m', 'x'], { env });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(
      /^seg-hook: node_modules\/\.bin\/seg-hook was not found, so this commit cannot be scanned and is blocked\. Run npm install .*SEG_HOOK_SKIP=1 or git commit --no-verify\.$/m,
    );
    expect(fs.existsSync(marker)).toBe(false);

    // SEG_HOOK_SKIP=0 is not a bypass; pre-commit's SKIP list naming another hook is not either.
    for (const notSkip of [{ SEG_HOOK_SKIP: '0' }, { SKIP: 'eslint,prettier' }]) {
      expect(commit(repo, ['-m', 'x'], { env: { ...env, ...notSkip } }).status).not.toBe(0);
    }
    const skipped = commit(repo, ['-m', 'x'], { env: { ...env, SEG_HOOK_SKIP: '1' } });
    expect(skipped.status).toBe(0);
    expect(skipped.stderr.trim()).toBe(
      'seg-hook: scan skipped because SEG_HOOK_SKIP is set. Nothing was checked.',
    );
    repo.stage({ 'y.txt': `${token()}\n` });
    const listed = commit(repo, ['-m', 'y'], { env: { ...env, SKIP: 'eslint, seg-hook' } });
    expect(listed.status).toBe(0);
  });

  test('SEG_HOOK_SKIP=1 lets a token commit through with a one-line warning', () => {
    const repo = newRepo();
    install(repo);
    repo.stage({ 'x.txt': `${token()}\n` });
    const result = commit(repo, ['-m', 'x'], { env: isolatedEnv({ SEG_HOOK_SKIP: '1' }) });
    expect(result.status).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      'seg-hook: scan skipped because SEG_HOOK_SKIP is set. Nothing was checked.',
    ]);
  });

  test('without a project binary, install records the seg-hook that ran it and says so', () => {
    const repo = newRepo({ binary: false });
    repo.write('package.json', '{"name":"p","version":"1.0.0"}\n');
    const result = install(repo);
    expect(result.stdout).toContain(
      `The hook runs ${fs.realpathSync(CLI)} with ${fs.realpathSync(process.execPath)} (${process.version}), both recorded now; a node_modules/.bin/seg-hook installed later runs instead.`,
    );
    // The undo line names the seg-hook that ran (here this checkout's CLI, run by its path).
    expect(result.stdout).toContain(`\nUndo with: ${CLI} uninstall\n`);
    repo.stage({ 'x.txt': `${token()}\n` });
    expectBlocked(commit(repo, ['-m', 'x']));
  });
});
