/**
 * `seg-hook install --pre-push` / `uninstall --pre-push`: the built CLI installs the hook into
 * real temp repositories, and real `git push`es to a real local bare remote run it. The
 * project's node_modules/.bin/seg-hook is a shim that runs this checkout's CLI. Every push runs
 * with its own TMPDIR, so that the hook's copy of git's stdin is seen to be removed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { LeakGuard, writeSegHookShim } from '../helpers/leakGuard';

const HUSKY_BIN = path.resolve(__dirname, '../../node_modules/husky/bin.js');
const PRE_PUSH_LINE =
  '. "$(dirname -- "$0")/seg-hook-pre-push.sh" || exit "$?" # added by seg-hook install';
const FOUND = /seg-hook: 1 token found in the commits being pushed\. Push blocked\./g;
const MISSING =
  /^seg-hook: node_modules\/\.bin\/seg-hook was not found, so this push cannot be scanned and is blocked\. Run npm install \(seg-hook must be in devDependencies\), or bypass once with SEG_HOOK_SKIP=1 or git push --no-verify\.$/m;
const SKIPPED = 'seg-hook: scan skipped because SEG_HOOK_SKIP is set. Nothing was checked.';
const ZERO = '0'.repeat(40);

const repos: TempRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const repo of repos) repo.cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const guard = new LeakGuard();
const token = (): string => guard.token();
const noLeak = (result: RunResult): RunResult => guard.check(result);

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

/** node_modules/.bin/seg-hook in `dir`; `record` also logs its arguments and stdin there. */
function linkBinary(dir: string, record = false): void {
  const recording = (run: string) =>
    `printf '%s\\n' "$*" >> "${dir}/seg-args.log"\ntee -a "${dir}/seg-stdin.log" | ${run}\n`;
  writeSegHookShim(dir, record ? recording : undefined);
}

interface Pusher {
  repo: TempRepo;
  remote: string;
  /** The TMPDIR every push runs with. */
  tmp: string;
}

/** A repository with seg-hook in node_modules and a bare remote that already has `main`. */
function pusher(options: { record?: boolean } = {}): Pusher {
  const repo = new TempRepo('seg-hook-prepush-');
  repos.push(repo);
  linkBinary(repo.dir, options.record);
  const remote = path.join(tempDir('seg-hook-remote-'), 'remote.git');
  repo.git('init', '-q', '--bare', '-b', 'main', remote);
  repo.git('remote', 'add', 'origin', remote);
  repo.stage({ '.gitignore': 'node_modules/\n*.log\n', 'README.md': 'hello\n' });
  repo.commit('init');
  repo.git('push', '-q', 'origin', 'main');
  return { repo, remote, tmp: tempDir('seg-hook-pushtmp-') };
}

function segHook(repo: TempRepo, args: string[], env?: NodeJS.ProcessEnv): RunResult {
  return noLeak(repo.segHook(args, { env }));
}

function install(repo: TempRepo, args: string[] = ['--pre-push']): RunResult {
  const result = segHook(repo, ['install', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result;
}

/** Commits past any pre-commit hook (--no-verify), as a user who skipped it. */
function commit(repo: TempRepo, files: Record<string, string>, message = 'change'): string {
  repo.stage(files);
  repo.commit(message);
  return repo.git('rev-parse', 'HEAD').trim();
}

function push(p: Pusher, args: string[], extra: NodeJS.ProcessEnv = {}): RunResult {
  const result = noLeak(
    p.repo.tryGit(['push', '-q', ...args], { env: isolatedEnv({ TMPDIR: p.tmp, ...extra }) }),
  );
  // The copy of git's stdin is gone, whether the push passed or was blocked.
  expect(fs.readdirSync(p.tmp)).toEqual([]);
  return result;
}

function remoteRef(p: Pusher, ref: string): string | null {
  const result = spawnSync('git', ['--git-dir', p.remote, 'rev-parse', '--verify', '-q', ref], {
    env: isolatedEnv(),
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : null;
}

function expectBlocked(result: RunResult): void {
  expect(result.status).not.toBe(0);
  expect(result.stderr.match(FOUND)).toHaveLength(1);
  expect(result.stderr).toMatch(/sgp_\w{2}…\w{2}/);
  expect(result.stderr).toMatch(/failed to push/);
}

/** Contents and modes of every file in a directory. */
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

const hooksDir = (p: Pusher) => path.join(p.repo.dir, '.git', 'hooks');
const readLog = (p: Pusher, name: string) => fs.readFileSync(path.join(p.repo.dir, name), 'utf8');

describe('plain git hooks', () => {
  test('a token commit made with --no-verify is not pushed; a clean push passes; a branch deletion passes', () => {
    const p = pusher();
    const result = install(p.repo);
    expect(result.stdout).toMatch(
      /^seg-hook: installed the pre-push hook \(git hooks in \.git\/hooks\)\.$/m,
    );
    expect(result.stdout).toMatch(/wrote \.git\/hooks\/pre-push \(mode 755\)/);
    expect(result.stdout).toContain(`\nUndo with: ${CLI} uninstall --pre-push\n`);
    const hook = fs.readFileSync(path.join(hooksDir(p), 'pre-push'), 'utf8');
    expect(hook.startsWith('#!/bin/sh\n# seg-hook-managed-hook format=2\n')).toBe(true);
    expect(fs.statSync(path.join(hooksDir(p), 'pre-push')).mode & 0o777).toBe(0o755);
    // --pre-push installs only the pre-push hook.
    expect(fs.existsSync(path.join(hooksDir(p), 'pre-commit'))).toBe(false);

    const before = remoteRef(p, 'main');
    commit(p.repo, { 'src/config.js': `export const key = "${token()}";\n` }, 'leak');
    expectBlocked(push(p, ['origin', 'main']));
    expect(remoteRef(p, 'main')).toBe(before);

    p.repo.git('reset', '-q', '--hard', 'HEAD~1');
    const clean = commit(p.repo, { 'src/config.js': 'export const key = process.env.K;\n' });
    const passed = push(p, ['origin', 'main']);
    expect(passed.stderr).toBe('');
    expect(passed.status).toBe(0);
    expect(remoteRef(p, 'main')).toBe(clean);

    p.repo.git('branch', 'feature');
    expect(push(p, ['origin', 'feature']).status).toBe(0);
    expect(remoteRef(p, 'refs/heads/feature')).toBe(clean);
    // A local token commit elsewhere does not block deleting a remote branch.
    commit(p.repo, { 'x.txt': `${token()}\n` }, 'local leak');
    const deleted = push(p, ['origin', '--delete', 'feature']);
    expect(deleted.status).toBe(0);
    expect(remoteRef(p, 'refs/heads/feature')).toBeNull();
  });

  test('installing twice changes nothing and leaves one invocation', () => {
    const p = pusher();
    install(p.repo);
    const first = snapshot(hooksDir(p));
    const again = install(p.repo);
    expect(again.stdout).toMatch(
      /^seg-hook: the pre-push hook is already installed and up to date \(git hooks in \.git\/hooks\); nothing changed\.$/m,
    );
    expect(snapshot(hooksDir(p))).toEqual(first);
    commit(p.repo, { 'a.env': `TOKEN=${token()}\n` });
    expectBlocked(push(p, ['origin', 'main']));
  });

  test('an existing pre-push hook runs first with the same arguments and stdin, still blocks, and comes back byte for byte', () => {
    const p = pusher({ record: true });
    const hook = path.join(hooksDir(p), 'pre-push');
    const original = [
      '#!/bin/sh',
      '# my pre-push hook: reads the refs git sends, like git lfs pre-push does',
      'top="$(git rev-parse --show-toplevel)"',
      'printf \'%s %s\\n\' "$1" "$2" >> "$top/custom-args.log"',
      'cat >> "$top/custom-stdin.log"',
      '[ ! -f "$top/fail-custom" ]',
      '',
    ].join('\n');
    fs.writeFileSync(hook, original, { mode: 0o750 });
    fs.chmodSync(hook, 0o750);

    const result = install(p.repo);
    expect(result.stdout).toMatch(
      /moved \.git\/hooks\/pre-push to \.git\/hooks\/pre-push\.seg-hook-chained/,
    );
    expect(result.stdout).toMatch(
      /runs first \(with the same arguments and the same refs on stdin\); its failure still blocks the push\. seg-hook uninstall --pre-push puts it back\./,
    );

    // Two refs in one push: both readers get both lines, in git's order.
    const oldMain = remoteRef(p, 'main');
    const main = commit(p.repo, { 'a.txt': 'a\n' });
    p.repo.git('branch', 'feature');
    const pushed = push(p, ['origin', 'main', 'feature']);
    expect(pushed.status).toBe(0);
    const lines = [
      `refs/heads/main ${main} refs/heads/main ${oldMain}`,
      `refs/heads/feature ${main} refs/heads/feature ${ZERO}`,
    ];
    const custom = readLog(p, 'custom-stdin.log');
    expect(custom.trimEnd().split('\n').sort()).toEqual([...lines].sort());
    expect(readLog(p, 'seg-stdin.log')).toBe(custom);
    expect(readLog(p, 'custom-args.log')).toBe(`origin ${p.remote}\n`);
    expect(readLog(p, 'seg-args.log')).toBe(`pre-push origin ${p.remote}\n`);

    // Its failure blocks the push; seg-hook does not even run.
    fs.writeFileSync(path.join(p.repo.dir, 'fail-custom'), '');
    commit(p.repo, { 'b.txt': 'b\n' });
    const failed = push(p, ['origin', 'main']);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).not.toMatch(FOUND);
    expect(readLog(p, 'seg-args.log').split('\n')).toHaveLength(2);
    fs.rmSync(path.join(p.repo.dir, 'fail-custom'));

    // It passes, and seg-hook still blocks the token.
    commit(p.repo, { 'c.txt': `${token()}\n` });
    expectBlocked(push(p, ['origin', 'main']));
    expect(readLog(p, 'custom-args.log').split('\n')).toHaveLength(4);
    expect(remoteRef(p, 'main')).toBe(main);

    const removed = segHook(p.repo, ['uninstall', '--pre-push']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/^seg-hook: uninstalled the pre-push hook/m);
    expect(removed.stdout).toMatch(
      /moved \.git\/hooks\/pre-push\.seg-hook-chained to \.git\/hooks\/pre-push/,
    );
    expect(fs.readFileSync(hook, 'utf8')).toBe(original);
    expect(fs.statSync(hook).mode & 0o777).toBe(0o750);
    expect(fs.readdirSync(hooksDir(p)).filter((name) => name.includes('seg-hook'))).toEqual([]);
    // Only the custom hook runs now: the token goes through.
    expect(push(p, ['origin', 'main']).status).toBe(0);
  });

  test('install and install --pre-push are independent; uninstall removes one and names the other', () => {
    const p = pusher();
    const before = snapshot(hooksDir(p));
    const dry = segHook(p.repo, ['install', '--pre-push', '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(
      /^seg-hook install --pre-push --dry-run \(git hooks in \.git\/hooks\): nothing was changed\. It would:$/m,
    );
    expect(dry.stdout).toMatch(/write \.git\/hooks\/pre-push \(mode 755\)/);
    expect(snapshot(hooksDir(p))).toEqual(before);

    install(p.repo, []);
    install(p.repo);
    const preCommit = fs.readFileSync(path.join(hooksDir(p), 'pre-commit'), 'utf8');

    const removed = segHook(p.repo, ['uninstall', '--pre-push']);
    expect(removed.stdout).toMatch(/removed \.git\/hooks\/pre-push$/m);
    expect(removed.stdout).toMatch(
      /Note: the pre-commit hook is still installed; seg-hook uninstall removes it\./,
    );
    expect(fs.existsSync(path.join(hooksDir(p), 'pre-push'))).toBe(false);
    expect(fs.readFileSync(path.join(hooksDir(p), 'pre-commit'), 'utf8')).toBe(preCommit);
    const again = segHook(p.repo, ['uninstall', '--pre-push']);
    expect(again.stdout).toMatch(/the pre-push hook is not installed .*nothing changed/);

    install(p.repo);
    const commitOnly = segHook(p.repo, ['uninstall']);
    expect(commitOnly.stdout).toMatch(/^seg-hook: uninstalled the pre-commit hook/m);
    expect(commitOnly.stdout).toMatch(
      /the pre-push hook is still installed; seg-hook uninstall --pre-push removes it/,
    );
    expect(fs.existsSync(path.join(hooksDir(p), 'pre-push'))).toBe(true);
    segHook(p.repo, ['uninstall', '--pre-push']);
    expect(snapshot(hooksDir(p))).toEqual(before);
  });

  test('a pre-push hook that already scans pushes is left alone; one that runs --staged is chained', () => {
    const p = pusher();
    const hook = path.join(hooksDir(p), 'pre-push');
    const scans = '#!/bin/sh\nnode_modules/.bin/seg-hook pre-push "$@"\n';
    fs.writeFileSync(hook, scans, { mode: 0o755 });
    const skipped = install(p.repo);
    expect(skipped.stdout).toMatch(
      /seg-hook already runs from \.git\/hooks\/pre-push \(line 2\).*nothing changed/,
    );
    expect(fs.readFileSync(hook, 'utf8')).toBe(scans);
    expect(fs.existsSync(`${hook}.seg-hook-chained`)).toBe(false);

    // --staged in a pre-push hook scans the index, not the commits being pushed.
    fs.writeFileSync(hook, '#!/bin/sh\nnode_modules/.bin/seg-hook --staged\n', { mode: 0o755 });
    expect(install(p.repo).stdout).toMatch(/moved \.git\/hooks\/pre-push to .*seg-hook-chained/);
    commit(p.repo, { 'k.txt': `${token()}\n` });
    expectBlocked(push(p, ['origin', 'main']));
  });

  test('core.hooksPath: the pre-push hook goes there and blocks', () => {
    const p = pusher();
    p.repo.git('config', 'core.hooksPath', '.githooks');
    const result = install(p.repo);
    expect(result.stdout).toMatch(/installed the pre-push hook \(core\.hooksPath \.githooks\)/);
    expect(fs.existsSync(path.join(p.repo.dir, '.githooks', 'pre-push'))).toBe(true);
    commit(p.repo, { 'k.txt': `${token()}\n` });
    expectBlocked(push(p, ['origin', 'main']));
  });
});

describe('the installed hook at push time', () => {
  test('without node_modules the push is blocked with one message naming seg-hook; SEG_HOOK_SKIP=1 lets it through', () => {
    const p = pusher();
    install(p.repo);
    fs.rmSync(path.join(p.repo.dir, 'node_modules'), { recursive: true });
    const before = remoteRef(p, 'main');
    const leak = commit(p.repo, { 'x.txt': `${token()}\n` });

    const blocked = push(p, ['origin', 'main']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(MISSING);
    expect(blocked.stderr.split('\n').filter((line) => line.startsWith('seg-hook'))).toHaveLength(
      1,
    );
    expect(remoteRef(p, 'main')).toBe(before);

    const skipped = push(p, ['origin', 'main'], { SEG_HOOK_SKIP: '1' });
    expect(skipped.status).toBe(0);
    expect(skipped.stderr.trim()).toBe(SKIPPED);
    expect(remoteRef(p, 'main')).toBe(leak);
  });

  test('SEG_HOOK_SKIP=1 pushes a token commit with a one-line warning', () => {
    const p = pusher();
    install(p.repo);
    const leak = commit(p.repo, { 'x.txt': `${token()}\n` });
    const skipped = push(p, ['origin', 'main'], { SEG_HOOK_SKIP: '1' });
    expect(skipped.status).toBe(0);
    expect(skipped.stderr.trim().split('\n')).toEqual([SKIPPED]);
    expect(remoteRef(p, 'main')).toBe(leak);
  });
});

describe('husky v9', () => {
  test('one line at the top of .husky/pre-push; the lines after it read the same stdin; uninstall restores it', () => {
    const p = pusher();
    p.repo.write('package.json', '{ "name": "app", "version": "1.0.0" }\n');
    expect(noLeak(p.repo.run(process.execPath, [HUSKY_BIN, 'init'])).status).toBe(0);
    expect(p.repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    const userLines = 'cat > pushed-refs.log\necho "$1 $2" > pushed-args.log\n';
    p.repo.write('.husky/pre-push', userLines);
    const huskyDir = path.join(p.repo.dir, '.husky');
    const internals = snapshot(path.join(huskyDir, '_'));
    const preCommit = p.repo.read('.husky/pre-commit');

    const result = install(p.repo);
    expect(result.stdout).toMatch(/installed the pre-push hook \(husky v9 in \.husky\)/);
    expect(p.repo.read('.husky/pre-push')).toBe(`${PRE_PUSH_LINE}\n${userLines}`);
    expect(p.repo.read('.husky/seg-hook-pre-push.sh')).toMatch(
      /^#!\/bin\/sh\n# seg-hook-managed-hook format=2\n/,
    );
    expect(fs.existsSync(path.join(huskyDir, 'seg-hook.sh'))).toBe(false);
    expect(p.repo.read('.husky/pre-commit')).toBe(preCommit);
    expect(install(p.repo).stdout).toMatch(/already installed and up to date/);
    expect(p.repo.read('.husky/pre-push').split(PRE_PUSH_LINE)).toHaveLength(2);
    expect(snapshot(path.join(huskyDir, '_'))).toEqual(internals);

    const before = remoteRef(p, 'main');
    commit(p.repo, { 'leak.js': `const t = "${token()}";\n` });
    expectBlocked(push(p, ['origin', 'main']));
    expect(remoteRef(p, 'main')).toBe(before);
    expect(fs.existsSync(path.join(p.repo.dir, 'pushed-refs.log'))).toBe(false);

    p.repo.git('reset', '-q', '--hard', 'HEAD~1');
    const clean = commit(p.repo, { 'ok.js': 'const t = process.env.T;\n' });
    const passed = push(p, ['origin', 'main']);
    expect(passed.status).toBe(0);
    expect(remoteRef(p, 'main')).toBe(clean);
    // The user's line after seg-hook's still got git's refs (git lfs pre-push relies on this).
    expect(p.repo.read('pushed-refs.log')).toBe(
      `refs/heads/main ${clean} refs/heads/main ${before}\n`,
    );
    expect(p.repo.read('pushed-args.log')).toBe(`origin ${p.remote}\n`);

    const removed = segHook(p.repo, ['uninstall', '--pre-push']);
    expect(removed.status).toBe(0);
    expect(p.repo.read('.husky/pre-push')).toBe(userLines);
    expect(fs.existsSync(path.join(huskyDir, 'seg-hook-pre-push.sh'))).toBe(false);
    expect(snapshot(path.join(huskyDir, '_'))).toEqual(internals);
  });

  test('a failing user line after seg-hook still blocks the push', () => {
    const p = pusher();
    p.repo.write('package.json', '{ "name": "app", "version": "1.0.0" }\n');
    expect(p.repo.run(process.execPath, [HUSKY_BIN, 'init']).status).toBe(0);
    p.repo.write('.husky/pre-push', 'echo "user says no" >&2\nexit 3\n');
    install(p.repo);
    const before = remoteRef(p, 'main');
    commit(p.repo, { 'ok.txt': 'ok\n' });
    const result = push(p, ['origin', 'main']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('user says no');
    expect(remoteRef(p, 'main')).toBe(before);
  });
});
