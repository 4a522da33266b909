/**
 * seg-hook installed the way a backend team would: `npm install -g` (into a temp prefix) from
 * the packed tarball, then used in repositories without package.json, machine-wide with
 * `install --global` (a temp HOME and GIT_CONFIG_GLOBAL), and with no node on PATH.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { LeakGuard, writeSegHookShim } from '../helpers/leakGuard';
import { packedTarball } from '../helpers/pack';
import { pathWithoutNode } from '../helpers/pathWithoutNode';
import { NPM_QUIET } from './e2eSupport';

jest.setTimeout(240_000);

const BLOCKED = /seg-hook: 1 token found in the staged changes\. Commit blocked\./;
const guard = new LeakGuard();
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm install -g --prefix <dir> <tarball>`: where the global seg-hook lives. */
function installGlobally(): { prefix: string; bin: string; script: string } {
  const prefix = tempDir('seg-hook-e2e-prefix-');
  const result = spawnSync(
    'npm',
    ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', packedTarball()],
    { encoding: 'utf8', env: { ...process.env, ...NPM_QUIET } },
  );
  if (result.status !== 0) throw new Error(`npm install -g failed: ${result.stderr}`);
  return {
    prefix,
    bin: path.join(prefix, 'bin', 'seg-hook'),
    script: path.join(prefix, 'lib', 'node_modules', 'seg-hook', 'dist', 'cli', 'main.js'),
  };
}

let global: ReturnType<typeof installGlobally>;
let noNodePath: string;
beforeAll(() => {
  global = installGlobally();
  const noNode = pathWithoutNode();
  cleanups.push(noNode.cleanup);
  noNodePath = noNode.path;
});

/** A user's environment: the global prefix's bin on PATH, an own HOME and global git config. */
function userEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return isolatedEnv({
    ...NPM_QUIET,
    HOME: home,
    XDG_CONFIG_HOME: undefined,
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    PATH: `${path.join(global.prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
    ...extra,
  });
}

function newRepo(): TempRepo {
  const repo = new TempRepo('seg-hook-e2e-global-');
  cleanups.push(() => repo.cleanup());
  return repo;
}

function run(repo: TempRepo, command: string, args: string[], env: NodeJS.ProcessEnv): RunResult {
  return guard.check(repo.run(command, args, { env }));
}

function stageToken(repo: TempRepo, file = 'settings.py'): void {
  repo.stage({ [file]: `SEGMENT_TOKEN = "${guard.token()}"\n` });
}

test('the node on PATH is really gone in the no-node PATH', () => {
  const probe = spawnSync('sh', ['-c', 'command -v node || echo none'], {
    encoding: 'utf8',
    env: { PATH: noNodePath },
  });
  expect(probe.stdout.trim()).toBe('none');
  expect(spawnSync('sh', ['-c', 'command -v git'], { env: { PATH: noNodePath } }).status).toBe(0);
});

describe('npm install -g seg-hook, then seg-hook install in a repository without package.json', () => {
  test('the hook runs the global seg-hook with the node that installed it, said in the output', () => {
    const home = tempDir('seg-hook-e2e-home-');
    const env = userEnv(home);
    const repo = newRepo();
    expect(fs.existsSync(path.join(repo.dir, 'package.json'))).toBe(false);
    const result = run(repo, 'seg-hook', ['install'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      `The hook runs ${fs.realpathSync(global.script)} with ${fs.realpathSync(process.execPath)} (${process.version}), both recorded now`,
    );
    expect(result.stdout).toMatch(/^Undo with: seg-hook uninstall$/m);
    expect(result.stdout).toMatch(
      /^ {2}seg-hook runs: \.git\/hooks\/pre-commit runs .*main\.js with /m,
    );
    const hook = repo.read('.git/hooks/pre-commit');
    expect(hook).not.toMatch(/^[^#]*\bnpx\b/m);

    stageToken(repo);
    const blocked = run(repo, 'git', ['commit', '-m', 'leak'], env);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(BLOCKED);
    // A GUI client's PATH has no node: the recorded node still runs the scan.
    const noNode = run(repo, 'git', ['commit', '-m', 'leak'], { ...env, PATH: noNodePath });
    expect(noNode.stderr).toMatch(BLOCKED);
    repo.stage({ 'settings.py': 'SEGMENT_TOKEN = os.environ["SEGMENT_TOKEN"]\n' });
    expect(run(repo, 'git', ['commit', '-m', 'clean'], { ...env, PATH: noNodePath }).status).toBe(
      0,
    );
  });

  test('a project-local seg-hook wins over the global one', () => {
    const env = userEnv(tempDir('seg-hook-e2e-home-'));
    const repo = newRepo();
    const marker = path.join(repo.dir, 'local-ran');
    writeSegHookShim(repo.dir, (runCli) => `touch "${marker}"\nexec ${runCli}\n`);
    repo.write('.gitignore', 'node_modules/\nlocal-ran\n');
    const result = run(repo, 'seg-hook', ['install'], env);
    expect(result.stdout).toMatch(
      /The hook runs node_modules\/\.bin\/seg-hook with the node on PATH/,
    );
    expect(repo.read('.git/hooks/pre-commit')).toContain("seg_hook_recorded_script=''");
    stageToken(repo);
    expect(run(repo, 'git', ['commit', '-m', 'leak'], env).stderr).toMatch(BLOCKED);
    expect(fs.existsSync(marker)).toBe(true);
  });

  test('when the recorded seg-hook is uninstalled, commits are blocked with one line and the fix', () => {
    const own = installGlobally();
    const env = userEnv(tempDir('seg-hook-e2e-home-'));
    const repo = newRepo();
    expect(run(repo, own.bin, ['install'], env).status).toBe(0);
    const removed = spawnSync('npm', ['uninstall', '-g', '--prefix', own.prefix, 'seg-hook'], {
      encoding: 'utf8',
      env: { ...process.env, ...NPM_QUIET },
    });
    expect(removed.status).toBe(0);
    expect(fs.existsSync(own.script)).toBe(false);
    repo.stage({ 'clean.txt': 'nothing secret\n' });
    const blocked = run(repo, 'git', ['commit', '-m', 'clean'], env);
    expect(blocked.status).not.toBe(0);
    const lines = blocked.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^seg-hook: .*main\.js or .*node, recorded by seg-hook install, no longer exists .* is blocked\. Fix: npm install -g seg-hook, then seg-hook install in this repository; or bypass once with SEG_HOOK_SKIP=1 or git commit --no-verify\.$/,
    );
    const skipped = run(repo, 'git', ['commit', '-m', 'clean'], { ...env, SEG_HOOK_SKIP: '1' });
    expect(skipped.status).toBe(0);
  });
});

describe('seg-hook install --global', () => {
  test('three repositories: plain, with its own hooks, created afterwards; uninstall restores', () => {
    const home = tempDir('seg-hook-e2e-home-');
    const env = userEnv(home);
    const gitconfig = path.join(home, '.gitconfig');
    fs.writeFileSync(gitconfig, '[user]\n\tname = Test\n');

    const plain = newRepo();
    const own = newRepo();
    const log = path.join(own.dir, '.git', 'own-hooks.log');
    // Its own pre-commit, commit-msg (arguments) and post-rewrite (standard input) hooks.
    for (const [name, body] of [
      ['pre-commit', `echo "pre-commit $#" >> "${log}"`],
      ['commit-msg', `echo "commit-msg $1" >> "${log}"; grep -q WIP "$1" && exit 1; exit 0`],
      ['post-rewrite', `echo "post-rewrite $1 $(wc -l)" >> "${log}"`],
    ]) {
      fs.writeFileSync(path.join(own.dir, '.git', 'hooks', name), `#!/bin/sh\n${body}\n`, {
        mode: 0o755,
      });
    }

    const installed = run(plain, 'seg-hook', ['install', '--global'], env);
    expect(installed.status).toBe(0);
    const hooksDir = path.join(home, '.config', 'seg-hook', 'hooks');
    expect(installed.stdout).toContain(
      `git's global core.hooksPath is now ${hooksDir} (it was unset)`,
    );
    expect(installed.stdout).toMatch(/All 27 hooks git knows are forwarded/);
    expect(fs.readdirSync(hooksDir)).toEqual(
      expect.arrayContaining([
        'pre-commit',
        'commit-msg',
        'post-checkout',
        'reference-transaction',
      ]),
    );
    const later = newRepo(); // created after the install

    for (const repo of [plain, own, later]) {
      stageToken(repo);
      const blocked = run(repo, 'git', ['commit', '-m', 'leak'], env);
      expect(blocked.status).not.toBe(0);
      expect(blocked.stderr).toMatch(BLOCKED);
      repo.stage({ 'settings.py': 'SEGMENT_TOKEN = os.environ["SEGMENT_TOKEN"]\n' });
      expect(run(repo, 'git', ['commit', '-m', 'clean'], { ...env, PATH: noNodePath }).status).toBe(
        0,
      );
    }
    // The repository's own hooks ran, with their arguments and standard input.
    own.stage({ 'b.txt': 'b\n' });
    expect(run(own, 'git', ['commit', '-m', 'WIP'], env).status).not.toBe(0);
    expect(run(own, 'git', ['commit', '--amend', '-m', 'amended'], env).status).toBe(0);
    const ownLog = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(ownLog).toContain('pre-commit 0');
    expect(ownLog).toContain('commit-msg .git/COMMIT_EDITMSG');
    expect(ownLog).toContain('post-rewrite amend 1');
    expect(own.git('log', '-1', '--format=%s').trim()).toBe('amended');

    // A linked worktree shares the repository's hooks (found through git there).
    const worktree = path.join(tempDir('seg-hook-e2e-wt-'), 'wt');
    own.git('worktree', 'add', '-q', worktree);
    fs.writeFileSync(path.join(worktree, 'c.txt'), 'c\n');
    own.run('git', ['add', 'c.txt'], { cwd: worktree, env });
    const wip = guard.check(own.run('git', ['commit', '-m', 'WIP'], { cwd: worktree, env }));
    expect(wip.status).not.toBe(0);
    expect(fs.readFileSync(log, 'utf8')).toMatch(/commit-msg .*worktrees\/wt\/COMMIT_EDITMSG\n$/);

    // Server-side hooks are forwarded too: a local bare remote's own post-receive gets its stdin.
    const remote = path.join(tempDir('seg-hook-e2e-remote-'), 'remote.git');
    plain.git('init', '-q', '--bare', remote);
    const received = path.join(path.dirname(remote), 'received.log');
    fs.writeFileSync(
      path.join(remote, 'hooks', 'post-receive'),
      `#!/bin/sh\ncat > "${received}"\n`,
      { mode: 0o755 },
    );
    expect(run(plain, 'git', ['push', '-q', remote, 'main'], env).status).toBe(0);
    const head = plain.git('rev-parse', 'HEAD').trim();
    expect(fs.readFileSync(received, 'utf8')).toMatch(
      new RegExp(`^0{40} ${head} refs/heads/main\n$`),
    );

    // A committed opt-out: the hook passes with one line saying why.
    later.stage({ '.seg-hookrc.json': '{ "enabled": false }\n' });
    later.commit('opt out');
    stageToken(later, 'fixture.txt');
    const optedOut = run(later, 'git', ['commit', '-m', 'fixture'], env);
    expect(optedOut.status).toBe(0);
    expect(optedOut.stderr.trim()).toBe(
      'seg-hook: not scanned: this repository opts out of seg-hook\'s hooks ("enabled": false in .seg-hookrc.json).',
    );

    // A repository with its own core.hooksPath (husky) is not covered, and status says so.
    const husky = newRepo();
    husky.git('config', 'core.hooksPath', '.husky/_');
    const status = run(husky, 'seg-hook', ['status'], env);
    expect(status.status).toBe(1);
    expect(status.stdout).toMatch(/seg-hook does NOT run, so commits are not scanned/);
    expect(status.stdout).toContain(
      `Note: seg-hook's machine-wide hooks (${hooksDir}) do not run in this repository`,
    );

    const removed = run(plain, 'seg-hook', ['uninstall', '--global'], env);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/Unset git's global core\.hooksPath/);
    expect(fs.readFileSync(gitconfig, 'utf8')).toBe('[user]\n\tname = Test\n');
    expect(fs.existsSync(hooksDir)).toBe(false);
    stageToken(plain, 'after.txt');
    expect(run(plain, 'git', ['commit', '-m', 'unprotected'], env).status).toBe(0);
  });

  test('a previous global core.hooksPath keeps running and comes back exactly; --pre-push scans pushes', () => {
    const home = tempDir('seg-hook-e2e-home-');
    const env = userEnv(home);
    const gitconfig = path.join(home, '.gitconfig');
    const previous = path.join(home, 'my hooks');
    fs.mkdirSync(previous);
    fs.writeFileSync(path.join(previous, 'pre-commit'), `#!/bin/sh\ntouch "${home}/mine-ran"\n`, {
      mode: 0o755,
    });
    const original = '[core]\n\thooksPath = ~/my hooks\n';
    fs.writeFileSync(gitconfig, original);
    const repo = newRepo();
    expect(run(repo, 'seg-hook', ['install', '--global'], env).stdout).toMatch(
      /\(it was ~\/my hooks\)/,
    );
    expect(run(repo, 'seg-hook', ['install', '--global', '--pre-push'], env).status).toBe(0);
    repo.stage({ 'a.txt': 'a\n' });
    expect(run(repo, 'git', ['commit', '-m', 'a'], env).status).toBe(0);
    expect(fs.existsSync(path.join(home, 'mine-ran'))).toBe(true);

    const remote = path.join(tempDir('seg-hook-e2e-remote-'), 'remote.git');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    stageToken(repo);
    repo.commit('leak'); // --no-verify: the push is the last line
    const push = run(repo, 'git', ['push', '-q', 'origin', 'main'], env);
    expect(push.status).not.toBe(0);
    expect(push.stderr).toMatch(
      /seg-hook: 1 token found in the commits being pushed\. Push blocked\./,
    );

    repo.git('reset', '-q', '--hard', 'HEAD~1');
    expect(run(repo, 'git', ['push', '-q', 'origin', 'main'], env)).toMatchObject({ status: 0 });
    expect(repo.git('--git-dir', remote, 'rev-parse', 'main')).toBe(repo.git('rev-parse', 'HEAD'));

    run(repo, 'seg-hook', ['uninstall', '--global', '--pre-push'], env);
    const removed = run(repo, 'seg-hook', ['uninstall', '--global'], env);
    expect(removed.stdout).toMatch(/Restored git's global core\.hooksPath to ~\/my hooks\./);
    expect(fs.readFileSync(gitconfig, 'utf8')).toBe(original);
  });
});

describe('node missing from PATH', () => {
  test('a project-local seg-hook: one line naming seg-hook, the cause and the fix; init.sh fixes it', () => {
    const home = tempDir('seg-hook-e2e-home-');
    const repo = newRepo();
    writeSegHookShim(repo.dir);
    repo.write('.gitignore', 'node_modules/\n');
    const env = userEnv(home);
    expect(run(repo, 'seg-hook', ['install'], env).status).toBe(0);
    stageToken(repo);
    const blocked = run(repo, 'git', ['commit', '-m', 'leak'], { ...env, PATH: noNodePath });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr.trim().split('\n')).toEqual([
      'seg-hook: node was not found on PATH (common in GUI git clients, and when nvm, fnm or volta is not loaded), so this commit cannot be scanned and is blocked. Fix: put node on PATH in ~/.config/seg-hook/init.sh (README, Troubleshooting: node not found), or bypass once with SEG_HOOK_SKIP=1 or git commit --no-verify.',
    ]);

    // The documented fix: ~/.config/seg-hook/init.sh puts node on PATH.
    const nodeDir = tempDir('seg-hook-e2e-nodebin-');
    fs.symlinkSync(process.execPath, path.join(nodeDir, 'node'));
    fs.mkdirSync(path.join(home, '.config', 'seg-hook'), { recursive: true });
    fs.writeFileSync(
      path.join(home, '.config', 'seg-hook', 'init.sh'),
      `export PATH="${nodeDir}:$PATH"\n`,
    );
    const scanned = run(repo, 'git', ['commit', '-m', 'leak'], { ...env, PATH: noNodePath });
    expect(scanned.stderr).toMatch(BLOCKED);
  });
});
