/**
 * The README's own install commands, taken from it and run as a newcomer would: the two lines
 * at its top (an npm project, and every repository of a user), with only the registry name
 * `seg-hook` replaced by the packed tarball of this checkout. The blocked commit that follows
 * must print what the README shows.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { packedTarball, REPO_ROOT } from '../helpers/pack';
import { makeToken } from '../helpers/tokens';
import { NPM_QUIET } from './e2eSupport';

jest.setTimeout(300_000);

const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const cleanups: Array<() => void> = [];
const tokens: string[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The first fenced block of the README, and the line it starts on (1-based). */
function firstCommands(): { lines: string[]; startLine: number } {
  const match = /^```sh\n([\s\S]*?)^```$/m.exec(README)!;
  const startLine = README.slice(0, match.index).split('\n').length;
  const lines = match[1]!
    .trim()
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, ''));
  return { lines, startLine };
}

/** The README's example of a blocked commit: the lines after `$ git commit …`. */
function exampleOutput(): string[] {
  const block = /^```text\n\$ git commit[^\n]*\n([\s\S]*?)^```$/m.exec(README)!;
  return block[1]!.trimEnd().split('\n');
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): RunResult {
  const result = spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8' });
  const run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  for (const token of tokens) expect(`${run.stdout}${run.stderr}`).not.toContain(token);
  return run;
}

/** The README's command with the package name swapped for the tarball (it is not published). */
function fromTarball(command: string): string {
  return command.replace(/(npm install (?:--save-dev|-g)) seg-hook\b/, `$1 ${packedTarball()}`);
}

/** Stages the README's settings.py (a token on line 3, column 18) and commits it. */
function commitToken(repo: TempRepo, env: NodeJS.ProcessEnv): RunResult {
  const token = makeToken();
  tokens.push(token);
  repo.stage({ 'settings.py': `import os\n\nSEGMENT_TOKEN = "${token}"\n` });
  return repo.tryGit(['commit', '-m', 'add settings'], { env });
}

/** The output matches the README's example line by line; the finding's line up to the token. */
function expectAsInReadme(stderr: string, command: string): void {
  const expected = exampleOutput().map((line) => line.replace('npx seg-hook', command));
  const actual = stderr.trimEnd().split('\n');
  expect(actual).toHaveLength(expected.length);
  expected.forEach((line, index) => {
    if (line.includes('sgp_')) {
      const [where, , ...rest] = line.trim().split(/\s+/);
      expect(actual[index]).toMatch(
        new RegExp(`^  ${where}  sgp_\\w{2}…\\w{2}  ${rest.join(' ').replace(/[[\]]/g, '\\$&')}$`),
      );
    } else {
      expect(actual[index]).toBe(line);
    }
  });
}

test('a newcomer finds how to install within the first 40 lines', () => {
  const { lines, startLine } = firstCommands();
  expect(startLine + lines.length).toBeLessThanOrEqual(40);
  expect(lines).toEqual([
    'npm install --save-dev seg-hook && npx seg-hook install',
    'npm install -g seg-hook && seg-hook install --global',
  ]);
});

test("the README's npm-project line installs a hook that blocks as the README shows", () => {
  const repo = new TempRepo('seg-hook-readme-project-');
  cleanups.push(() => repo.cleanup());
  repo.write('package.json', '{"name":"app","version":"1.0.0","private":true}\n');
  repo.write('.gitignore', 'node_modules/\n');
  repo.stage({ 'package.json': repo.read('package.json'), '.gitignore': 'node_modules/\n' });
  repo.commit('init');
  const env = isolatedEnv({ ...NPM_QUIET });
  const installed = sh(fromTarball(firstCommands().lines[0]!), repo.dir, env);
  expect(installed.stderr).toBe('');
  expect(installed.status).toBe(0);
  const blocked = commitToken(repo, env);
  expect(blocked.status).toBe(1);
  expectAsInReadme(blocked.stderr, 'npx seg-hook');
});

test("the README's machine-wide line protects a repository without package.json", () => {
  const home = tempDir('seg-hook-readme-home-');
  const prefix = tempDir('seg-hook-readme-prefix-');
  const env = isolatedEnv({
    ...NPM_QUIET,
    HOME: home,
    XDG_CONFIG_HOME: undefined,
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    npm_config_prefix: prefix,
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
  });
  const installed = sh(fromTarball(firstCommands().lines[1]!), home, env);
  expect(installed.status).toBe(0);
  const repo = new TempRepo('seg-hook-readme-any-');
  cleanups.push(() => repo.cleanup());
  const blocked = commitToken(repo, env);
  expect(blocked.status).toBe(1);
  // A global install is run as `seg-hook`: that is what its advice prints.
  expectAsInReadme(blocked.stderr, 'seg-hook');
});
