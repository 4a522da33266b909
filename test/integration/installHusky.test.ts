/**
 * `seg-hook install` with husky (v9 set up by the real husky from this repository's
 * node_modules; the v8 layout as husky 8 wrote it), husky in a monorepo subfolder, and
 * lint-staged wiring. Real temp repositories, real `git commit`s.
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
const HUSKY_LINE = 'sh "$(dirname -- "$0")/seg-hook.sh" || exit "$?" # added by seg-hook install';
/** husky 8.0.3's .husky/_/husky.sh, as `husky install` wrote it. */
const HUSKY_V8_SH = `#!/usr/bin/env sh
if [ -z "$husky_skip_init" ]; then
  debug () {
    if [ "$HUSKY_DEBUG" = "1" ]; then
      echo "husky (debug) - $1"
    fi
  }

  readonly hook_name="$(basename -- "$0")"
  debug "starting $hook_name..."

  if [ "$HUSKY" = "0" ]; then
    debug "HUSKY env variable is set to 0, skipping hook"
    exit 0
  fi

  if [ -f ~/.huskyrc ]; then
    debug "sourcing ~/.huskyrc"
    . ~/.huskyrc
  fi

  readonly husky_skip_init=1
  export husky_skip_init
  sh -e "$0" "$@"
  exitCode="$?"

  if [ $exitCode != 0 ]; then
    echo "husky - $hook_name hook exited with code $exitCode (error)"
  fi

  if [ $exitCode = 127 ]; then
    echo "husky - command not found in PATH=$PATH"
  fi

  exit $exitCode
fi
`;
const V8_HEADER = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n';

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

const guard = new LeakGuard();
const token = (): string => guard.token();
const noLeak = (result: RunResult): RunResult => guard.check(result);

function linkBinaries(dir: string): void {
  const bin = writeSegHookShim(dir);
  fs.symlinkSync(LINT_STAGED_BIN, path.join(bin, 'lint-staged'));
}

/** A repository with a package at `packageDir` ('' for the top) that has seg-hook installed. */
function newRepo(packageDir = ''): TempRepo {
  const repo = new TempRepo('seg-hook-husky-');
  repos.push(repo);
  const pkg = path.join(repo.dir, packageDir);
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{ "name": "app", "version": "1.0.0" }\n');
  linkBinaries(pkg);
  repo.stage({ '.gitignore': 'node_modules/\n', 'README.md': 'hello\n' });
  repo.commit('init');
  return repo;
}

function run(
  repo: TempRepo,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  return noLeak(repo.run(command, args, options));
}

function segHook(repo: TempRepo, args: string[], cwd = repo.dir) {
  return noLeak(repo.segHook(args, { cwd }));
}

function commit(repo: TempRepo, message = 'change', cwd = repo.dir) {
  return noLeak(repo.tryGit(['commit', '-m', message], { cwd }));
}

function expectBlockedOnce(result: RunResult): void {
  expect(result.status).not.toBe(0);
  expect(
    result.stderr.match(/seg-hook: 1 token found in the staged changes\. Commit blocked\./g),
  ).toHaveLength(1);
}

function tree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const stat = fs.statSync(full);
    result[name] = stat.isDirectory()
      ? 'dir'
      : `${(stat.mode & 0o777).toString(8)}:${fs.readFileSync(full, 'utf8')}`;
  }
  return result;
}

describe('husky v9', () => {
  function huskyRepo(): TempRepo {
    const repo = newRepo();
    const init = run(repo, process.execPath, [HUSKY_BIN, 'init']);
    expect(init).toMatchObject({ status: 0 });
    expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    return repo;
  }

  test('after husky init with custom lines: lines kept, one line added, token commits blocked', () => {
    const repo = huskyRepo();
    const userLines = 'echo "user line 1" >> user.log\necho "user line 2" >> user.log\n';
    repo.write('.husky/pre-commit', userLines);
    const huskyInternals = tree(path.join(repo.dir, '.husky', '_'));

    const result = segHook(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/installed the pre-commit hook \(husky v9 in \.husky\)/);
    expect(repo.read('.husky/pre-commit')).toBe(`${HUSKY_LINE}\n${userLines}`);
    expect(repo.read('.husky/seg-hook.sh')).toMatch(
      /^#!\/bin\/sh\n# seg-hook-managed-hook format=2\n/,
    );
    expect(tree(path.join(repo.dir, '.husky', '_'))).toEqual(huskyInternals);

    expect(segHook(repo, ['install']).stdout).toMatch(/already installed and up to date/);
    expect(repo.read('.husky/pre-commit').split(HUSKY_LINE)).toHaveLength(2);

    repo.stage({ 'leak.js': `const t = "${token()}";\n` });
    expectBlockedOnce(commit(repo));
    repo.git('rm', '-q', '--cached', 'leak.js');
    repo.remove('leak.js');
    repo.git('add', '.');
    expect(commit(repo).status).toBe(0);
    expect(repo.read('user.log')).toBe('user line 1\nuser line 2\n');

    const removed = segHook(repo, ['uninstall']);
    expect(removed.status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(userLines);
    expect(fs.existsSync(path.join(repo.dir, '.husky', 'seg-hook.sh'))).toBe(false);
    expect(tree(path.join(repo.dir, '.husky', '_'))).toEqual(huskyInternals);
  });

  test('a missing .husky/pre-commit is created, and removed again by uninstall', () => {
    const repo = huskyRepo();
    repo.remove('.husky/pre-commit');
    expect(segHook(repo, ['install']).status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(`${HUSKY_LINE}\n`);
    repo.stage({ 'leak.txt': `${token()}\n` });
    expectBlockedOnce(commit(repo));
    expect(segHook(repo, ['uninstall']).status).toBe(0);
    expect(fs.existsSync(path.join(repo.dir, '.husky', 'pre-commit'))).toBe(false);
  });

  test('monorepo: husky and node_modules in a subfolder; commits from anywhere are scanned', () => {
    const repo = newRepo('app');
    // What `"prepare": "cd .. && husky app/.husky"` does.
    expect(run(repo, process.execPath, [HUSKY_BIN, 'app/.husky']).status).toBe(0);
    repo.write(
      'app/.husky/pre-commit',
      'cd app\necho "ran in $(basename "$PWD")" >> ../user.log\n',
    );
    const result = segHook(repo, ['install'], path.join(repo.dir, 'app'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/husky v9 in app\/\.husky/);
    expect(repo.read('app/.husky/seg-hook.sh')).toContain("seg_hook_project='app'");

    repo.stage({ 'app/src/leak.ts': `export const t = "${token()}";\n` });
    expectBlockedOnce(commit(repo));
    expectBlockedOnce(commit(repo, 'from a subfolder', path.join(repo.dir, 'app', 'src')));
    repo.git('rm', '-q', '--cached', 'app/src/leak.ts');
    repo.stage({ 'app/src/ok.ts': 'export const t = 1;\n' });
    expect(commit(repo).status).toBe(0);
    expect(repo.read('user.log')).toBe('ran in app\n');
  });
});

describe('husky v8 layout', () => {
  function v8Repo(): TempRepo {
    const repo = newRepo();
    repo.write('.husky/_/husky.sh', HUSKY_V8_SH);
    repo.write('.husky/_/.gitignore', '*\n');
    repo.git('config', 'core.hooksPath', '.husky');
    return repo;
  }

  test('keeps the header, adds one line, makes pre-commit executable; uninstall restores it', () => {
    const repo = v8Repo();
    const original = `${V8_HEADER}\necho "v8 user line" >> user.log\n`;
    repo.write('.husky/pre-commit', original);
    fs.chmodSync(path.join(repo.dir, '.husky', 'pre-commit'), 0o644);
    const result = segHook(repo, ['install']);
    expect(result.stdout).toMatch(/husky v8 in \.husky/);
    expect(repo.read('.husky/pre-commit')).toBe(
      `${V8_HEADER}${HUSKY_LINE}\n\necho "v8 user line" >> user.log\n`,
    );
    expect(fs.statSync(path.join(repo.dir, '.husky', 'pre-commit')).mode & 0o777).toBe(0o755);

    repo.stage({ 'leak.txt': `${token()}\n` });
    expectBlockedOnce(commit(repo));
    repo.git('rm', '-q', '--cached', 'leak.txt');
    repo.stage({ 'ok.txt': 'ok\n' });
    expect(commit(repo).status).toBe(0);
    expect(repo.read('user.log')).toBe('v8 user line\n');

    expect(segHook(repo, ['uninstall']).status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(original);
  });

  test("creates pre-commit with husky's header when missing", () => {
    const repo = v8Repo();
    expect(segHook(repo, ['install']).status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(`${V8_HEADER}\n${HUSKY_LINE}\n`);
    repo.stage({ 'leak.txt': `${token()}\n` });
    expectBlockedOnce(commit(repo));
  });
});

describe('lint-staged', () => {
  const wired = { name: 'app', version: '1.0.0', 'lint-staged': { '*': 'seg-hook --staged' } };

  test('the documented wiring: a staged token fails lint-staged, a clean file passes', () => {
    const repo = newRepo();
    repo.write('package.json', JSON.stringify(wired, null, 2));
    repo.stage({ 'clean.js': 'const a = 1;\n' });
    const clean = run(repo, 'npx', ['--no-install', 'lint-staged']);
    expect(clean.status).toBe(0);
    repo.stage({ 'sub dir/leak.js': `const t = "${token()}";\n` });
    const failed = run(repo, 'npx', ['--no-install', 'lint-staged']);
    expect(failed.status).not.toBe(0);
    expect(`${failed.stdout}${failed.stderr}`).toMatch(/sub dir\/leak\.js:1/);
  });

  test('a hook that runs lint-staged wired to seg-hook gets no second line; each file is scanned once', () => {
    const repo = newRepo();
    repo.write('package.json', JSON.stringify(wired, null, 2));
    expect(run(repo, process.execPath, [HUSKY_BIN]).status).toBe(0);
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    const result = segHook(repo, ['install']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /seg-hook already runs through lint-staged \(package\.json\).*nothing changed/,
    );
    expect(repo.read('.husky/pre-commit')).toBe('npx lint-staged\n');

    repo.stage({ 'leak.js': `const t = "${token()}";\n` });
    const blocked = commit(repo);
    expect(blocked.status).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`.match(/1 token found/g)).toHaveLength(1);

    expect(segHook(repo, ['install', '--force']).status).toBe(0);
    expect(repo.read('.husky/pre-commit')).toBe(`${HUSKY_LINE}\nnpx lint-staged\n`);
  });

  test('a hook that runs lint-staged without seg-hook: the line is added, with the alternative offered', () => {
    const repo = newRepo();
    expect(run(repo, process.execPath, [HUSKY_BIN]).status).toBe(0);
    repo.write('.husky/pre-commit', 'npx lint-staged\n');
    const result = segHook(repo, ['install']);
    expect(result.stdout).toMatch(
      /Tip: \.husky\/pre-commit runs lint-staged\. .*"\*": "seg-hook --staged"/,
    );
    expect(repo.read('.husky/pre-commit')).toBe(`${HUSKY_LINE}\nnpx lint-staged\n`);
  });

  test('a plain pre-commit hook that already calls seg-hook through npx is left alone, with a warning', () => {
    const repo = newRepo();
    expect(run(repo, process.execPath, [HUSKY_BIN]).status).toBe(0);
    repo.write('.husky/pre-commit', 'npm test\nnpx seg-hook\n');
    const result = segHook(repo, ['install']);
    expect(result.stdout).toMatch(/seg-hook already runs from \.husky\/pre-commit \(line 2\)/);
    expect(result.stdout).toMatch(/npx may download/);
    expect(repo.read('.husky/pre-commit')).toBe('npm test\nnpx seg-hook\n');
  });
});

test('a .husky folder that git does not use: plain install, with a note', () => {
  const repo = newRepo();
  repo.write('.husky/pre-commit', 'npm test\n');
  const result = segHook(repo, ['install']);
  expect(result.stdout).toMatch(/git hooks in \.git\/hooks/);
  expect(result.stdout).toMatch(/\.husky exists but git does not use it/);
});
