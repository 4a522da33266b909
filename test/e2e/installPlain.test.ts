/**
 * End to end, like a user: `npm pack` this package, `npm install` the tarball into a temp
 * project, `npx seg-hook install`, then real `git commit`s. Plain git hooks and core.hooksPath.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installPackedProject, InstalledProject } from '../helpers/pack';
import { expectBlocked, UserProject } from './e2eSupport';

jest.setTimeout(180_000);

let installed: InstalledProject;
const projects: UserProject[] = [];
const dirs: string[] = [];

beforeAll(() => {
  installed = installPackedProject();
});
afterAll(() => {
  projects.forEach((project) => project.cleanup());
  dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  installed?.cleanup();
});

function project(): UserProject {
  const created = new UserProject(installed);
  projects.push(created);
  return created;
}

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

test('the installed package runs from node_modules/.bin', () => {
  const user = project();
  expect(fs.realpathSync(path.join(user.dir, 'node_modules/.bin/seg-hook'))).toBe(
    path.join(user.dir, 'node_modules/seg-hook/dist/cli/main.js'),
  );
  expect(user.exists('node_modules/seg-hook/hooks/pre-commit.sh')).toBe(true);
  expect(user.exists('node_modules/seg-hook/.pre-commit-hooks.yaml')).toBe(true);
});

test('plain repo: a token commit is blocked, a clean one passes, installing twice leaves one invocation', () => {
  const user = project();
  const first = user.segHookCommand(['install']);
  expect(first.stdout).toMatch(/installed the pre-commit hook \(git hooks in \.git\/hooks\)/);
  const hook = fs.readFileSync(path.join(user.dir, '.git/hooks/pre-commit'), 'utf8');
  expect(hook).toContain("seg_hook_project='.'");
  expect(user.segHookCommand(['install']).stdout).toMatch(/already installed and up to date/);
  expect(fs.readFileSync(path.join(user.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(hook);

  user.stage({ 'src/config.js': `export const segment = "${user.token()}";\n` });
  expectBlocked(user.gitCommit(['-m', 'leak']));
  expect(user.commits()).toBe(1);

  user.stage({ 'src/config.js': 'export const segment = process.env.SEGMENT_API_TOKEN;\n' });
  const clean = user.gitCommit(['-m', 'clean']);
  expect(clean.status).toBe(0);
  expect(user.commits()).toBe(2);
});

test('git commit -a and git commit <path> with the token only in the working tree', () => {
  const user = project();
  user.stage({ 'settings.js': 'module.exports = {};\n' });
  user.commit('tracked');
  user.segHookCommand(['install']);
  user.write('settings.js', `module.exports = { key: "${user.token()}" };\n`);
  expectBlocked(user.gitCommit(['-a', '-m', 'all']));
  expectBlocked(user.gitCommit(['-m', 'by path', 'settings.js']));
  expect(user.commits()).toBe(2);
});

test('an existing custom pre-commit hook still runs, still blocks, and comes back exactly', () => {
  const user = project();
  const hookPath = path.join(user.dir, '.git/hooks/pre-commit');
  const custom =
    '#!/bin/sh\necho "custom hook ran" >> custom.log\nif [ -f block-me ]; then echo "custom hook says no" >&2; exit 3; fi\n';
  fs.writeFileSync(hookPath, custom, { mode: 0o755 });
  user.segHookCommand(['install']);

  user.stage({ 'a.txt': 'a\n' });
  expect(user.gitCommit(['-m', 'a']).status).toBe(0);
  expect(user.read('custom.log')).toBe('custom hook ran\n');

  user.write('block-me', '');
  user.stage({ 'b.txt': 'b\n' });
  const blocked = user.gitCommit(['-m', 'b']);
  expect(blocked.status).not.toBe(0);
  expect(blocked.stderr).toContain('custom hook says no');
  user.remove('block-me');

  user.stage({ 'c.txt': `${user.token()}\n` });
  expectBlocked(user.gitCommit(['-m', 'c']));

  const removed = user.segHookCommand(['uninstall']);
  expect(removed.stdout).toMatch(/original \.git\/hooks\/pre-commit is back/);
  expect(fs.readFileSync(hookPath, 'utf8')).toBe(custom);
  expect(fs.statSync(hookPath).mode & 0o777).toBe(0o755);
  expect(
    fs.readdirSync(path.dirname(hookPath)).filter((name) => name.includes('seg-hook')),
  ).toEqual([]);
});

test('core.hooksPath=.githooks: written there and effective; a linked worktree commit is scanned', () => {
  const user = project();
  user.git('config', 'core.hooksPath', '.githooks');
  const result = user.segHookCommand(['install']);
  expect(result.stdout).toMatch(/core\.hooksPath \.githooks/);
  expect(user.exists('.githooks/pre-commit')).toBe(true);
  expect(user.exists('.git/hooks/pre-commit')).toBe(false);
  user.stage({ 'x.env': `SEGMENT_TOKEN=${user.token()}\n` });
  expectBlocked(user.gitCommit(['-m', 'x']));

  // The hook is tracked in .githooks, so a new worktree has it; it has no node_modules.
  user.git('reset', '-q');
  user.git('add', '.githooks');
  user.commit('hooks');
  const worktree = path.join(tempDir('seg-hook-e2e-wt-'), 'wt');
  user.git('worktree', 'add', '-q', worktree);
  expect(fs.existsSync(path.join(worktree, 'node_modules'))).toBe(false);
  fs.writeFileSync(path.join(worktree, 'leak.txt'), `${user.token()}\n`);
  user.exec('git', ['add', 'leak.txt'], { cwd: worktree });
  expectBlocked(user.gitCommit(['-m', 'wt'], { cwd: worktree }));
});

test('node_modules removed after install: a token commit is blocked naming seg-hook; nothing is downloaded', () => {
  const user = project();
  user.segHookCommand(['install']);
  fs.rmSync(path.join(user.dir, 'node_modules'), { recursive: true });
  const fakeBin = tempDir('seg-hook-e2e-bin-');
  const marker = path.join(fakeBin, 'called');
  for (const tool of ['npx', 'npm']) {
    fs.writeFileSync(
      path.join(fakeBin, tool),
      `#!/bin/sh\necho "${tool} $*" >> "${marker}"\nexit 0\n`,
      {
        mode: 0o755,
      },
    );
  }
  const env = user.env({ PATH: `${fakeBin}${path.delimiter}${process.env.PATH}` });
  user.stage({ 'x.txt': `${user.token()}\n` });
  const blocked = user.gitCommit(['-m', 'x'], { env });
  expect(blocked.status).not.toBe(0);
  expect(blocked.stderr).toMatch(
    /^seg-hook: node_modules\/\.bin\/seg-hook was not found.*blocked\. Run npm install/m,
  );
  expect(fs.existsSync(marker)).toBe(false);
  expect(user.commits()).toBe(1);
});

test('SEG_HOOK_SKIP=1 git commit passes with a one-line warning', () => {
  const user = project();
  user.segHookCommand(['install']);
  user.stage({ 'x.txt': `${user.token()}\n` });
  const skipped = user.gitCommit(['-m', 'x'], { env: user.env({ SEG_HOOK_SKIP: '1' }) });
  expect(skipped.status).toBe(0);
  expect(skipped.stderr.trim().split('\n')).toEqual([
    'seg-hook: scan skipped because SEG_HOOK_SKIP is set. Nothing was checked.',
  ]);
});

test('install --pre-push: a token commit made with --no-verify is not pushed; a clean push is', () => {
  const user = project();
  const remote = path.join(tempDir('seg-hook-e2e-remote-'), 'remote.git');
  user.git('init', '-q', '--bare', '-b', 'main', remote);
  user.git('remote', 'add', 'origin', remote);
  user.git('push', '-q', 'origin', 'main');
  const result = user.segHookCommand(['install', '--pre-push']);
  expect(result.stdout).toMatch(/installed the pre-push hook \(git hooks in \.git\/hooks\)/);
  const remoteMain = () => user.git('--git-dir', remote, 'rev-parse', 'main').trim();
  const before = remoteMain();

  user.stage({ 'src/config.js': `export const segment = "${user.token()}";\n` });
  user.commit('leak'); // --no-verify: the pre-push hook is the last line of defence
  const blocked = user.exec('git', ['push', '-q', 'origin', 'main']);
  expect(blocked.status).not.toBe(0);
  expect(
    blocked.stderr.match(/seg-hook: 1 token found in the commits being pushed\. Push blocked\./g),
  ).toHaveLength(1);
  expect(blocked.stderr).toMatch(/sgp_\w{2}…\w{2}/);
  expect(remoteMain()).toBe(before);

  user.git('reset', '-q', '--hard', 'HEAD~1');
  user.stage({ 'src/config.js': 'export const segment = process.env.SEGMENT_API_TOKEN;\n' });
  user.commit('clean');
  expect(user.exec('git', ['push', '-q', 'origin', 'main'])).toMatchObject({
    status: 0,
    stderr: '',
  });
  expect(remoteMain()).toBe(user.git('rev-parse', 'HEAD').trim());
});
