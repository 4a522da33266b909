/**
 * No injection. git is spawned with argument arrays, never through a shell; every path reaches
 * git after `--` as a literal pathspec; names from the diff are data, never executed or pasted
 * into shell text; the hook script install writes quotes everything it embeds. File names,
 * repository paths and project directories below are built to break each of those.
 */
import { spawnSync } from 'node:child_process';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { testNeeding } from '../helpers/systemTools';
import { makeToken } from '../helpers/tokens';
import { scanStaged } from '../../src/scan/scanStaged';
import { CLI_UNDER_TEST, LeakSweep, runCli } from './support';

/** Every name, if it ever reached a shell, would create a file called PWNED somewhere. */
const HOSTILE_NAMES = [
  '$(touch PWNED)',
  '`touch PWNED`',
  '; touch PWNED',
  '| touch PWNED',
  '&& touch PWNED #',
  "'; touch PWNED; '",
  '"; touch PWNED; "',
  'x\ntouch PWNED',
  '${IFS}touch${IFS}PWNED',
  '>PWNED',
  '--output=PWNED',
  '-c core.pager=touch PWNED',
  '--upload-pack=touch PWNED',
  '-PWNED',
  ':(glob)*PWNED',
  ':!PWNED',
  '*PWNED*',
  '\\$(touch PWNED)\\',
  'dir $(touch PWNED)/inner `touch PWNED`.txt',
];

const repos: TempRepo[] = [];
const dirs: string[] = [];
const sweep = new LeakSweep();
afterAll(() => {
  for (const repo of repos) repo.cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newRepo(prefix = 'seg-hook-injection-'): TempRepo {
  const repo = new TempRepo(prefix);
  repos.push(repo);
  return repo;
}

/** Any file called PWNED anywhere under `dirs`, or in the current directory. */
function pwned(...roots: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name === 'PWNED') found.push(full);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
    }
  };
  for (const root of roots) walk(root);
  if (fs.existsSync(path.join(process.cwd(), 'PWNED')))
    found.push(path.join(process.cwd(), 'PWNED'));
  return found;
}

/** A repo with one committed file and every hostile name staged, each holding a token. */
function hostileRepo(): { repo: TempRepo; tokens: Map<string, string> } {
  const repo = newRepo();
  repo.stage({ 'README.md': 'base\n' });
  repo.commit('base');
  const tokens = new Map<string, string>();
  for (const name of HOSTILE_NAMES) {
    const token = sweep.add(makeToken());
    tokens.set(name, token);
    repo.write(name, `key = "${token}"\n`);
  }
  repo.git('--literal-pathspecs', 'add', '--', ...HOSTILE_NAMES);
  return { repo, tokens };
}

function findingsOf(result: RunResult): string[] {
  expect(result.status).toBe(1);
  return (JSON.parse(result.stdout) as { findings: { file: string }[] }).findings
    .map((f) => f.file)
    .sort();
}

describe('hostile file names are data', () => {
  test('staged, scanned, and passed as path arguments (relative, absolute, after --): found, never run', () => {
    const { repo } = hostileRepo();
    const all = [...HOSTILE_NAMES].sort();
    const runs: [string, string[]][] = [
      ['whole index', []],
      ['relative path arguments after --', ['--', ...HOSTILE_NAMES]],
      ['absolute path arguments', HOSTILE_NAMES.map((name) => path.join(repo.dir, name))],
    ];
    for (const [, args] of runs) {
      const result = runCli(['--format', 'json', ...args], { cwd: repo.dir });
      sweep.expectClean({ stdout: result.stdout, stderr: result.stderr });
      expect(findingsOf(result)).toEqual(all);
    }
    // One name at a time: a path argument matches exactly that file (no glob, no magic).
    for (const name of HOSTILE_NAMES) {
      const result = runCli(['--format', 'json', '--', name], { cwd: repo.dir });
      expect(findingsOf(result)).toEqual([name]);
    }
    // The text report shows them without running them either.
    const text = runCli([], { cwd: repo.dir });
    expect(text.status).toBe(1);
    sweep.expectClean({ stderr: text.stderr });
    expect(pwned(repo.dir)).toEqual([]);
  });

  test('every process started is git, with an argument array, paths only after "--" (spawn observed in-process)', async () => {
    const { repo } = hostileRepo();
    const spawn = jest.spyOn(childProcess, 'spawn');
    try {
      const result = await scanStaged({
        cwd: repo.dir,
        env: isolatedEnv(),
        paths: HOSTILE_NAMES.map((name) => path.join(repo.dir, name)),
      });
      expect(result.findings.map((f) => f.file).sort()).toEqual([...HOSTILE_NAMES].sort());
      expect(spawn.mock.calls.length).toBeGreaterThan(0);
      for (const [command, args, options] of spawn.mock.calls as unknown as [
        string,
        string[],
        childProcess.SpawnOptions,
      ][]) {
        expect(command).toBe('git');
        expect(Array.isArray(args) && args.every((arg) => typeof arg === 'string')).toBe(true);
        expect(options?.shell ?? false).toBe(false);
        const separator = args.indexOf('--');
        args.forEach((arg, index) => {
          if (arg.includes('PWNED')) expect(separator !== -1 && index > separator).toBe(true);
        });
      }
      // The path arguments reached git, as literal pathspecs.
      const pathspecs = spawn.mock.calls.flatMap(([, args]) =>
        (args as string[]).filter((arg) => arg.includes('PWNED')),
      );
      expect(pathspecs.length).toBeGreaterThanOrEqual(HOSTILE_NAMES.length);
      for (const pathspec of pathspecs) expect(pathspec).toMatch(/^:\([^)]*literal[^)]*\)/);
    } finally {
      spawn.mockRestore();
    }
    expect(pwned(repo.dir)).toEqual([]);
  });

  testNeeding('strace')(
    'every program executed (system calls traced) is node or git: never a shell',
    () => {
      const { repo } = hostileRepo();
      const log = path.join(os.tmpdir(), `seg-hook-execve-${process.pid}-${Date.now()}.log`);
      dirs.push(log);
      const args = ['--format', 'json', ...HOSTILE_NAMES.map((name) => path.join(repo.dir, name))];
      const traced = spawnSync(
        'strace',
        [
          '-f',
          '-qq',
          '-s',
          '65536',
          '-e',
          'trace=execve',
          '-o',
          log,
          process.execPath,
          CLI_UNDER_TEST,
          ...args,
        ],
        {
          cwd: repo.dir,
          env: isolatedEnv(),
          encoding: 'utf8',
        },
      );
      expect(traced.status).toBe(1);
      const executed = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => /\bexecve\(/.test(line) && / = 0$/.test(line));
      expect(executed.length).toBeGreaterThan(1);
      for (const line of executed) {
        const program = /execve\("([^"]+)"/.exec(line)![1];
        expect(path.basename(program)).toMatch(/^(node|git)$/);
        if (path.basename(program) !== 'git') continue;
        // git gets hostile names only after its "--" argument.
        const separator = line.indexOf('"--"');
        const firstHostile = line.indexOf('PWNED');
        if (firstHostile !== -1) expect(separator !== -1 && separator < firstHostile).toBe(true);
      }
      expect(pwned(repo.dir)).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------

/** node_modules/.bin/seg-hook in `dir`: runs the CLI under test (quoted for sh, whatever the path). */
function linkBinary(dir: string): void {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const bin = path.join(dir, 'node_modules', '.bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(
    path.join(bin, 'seg-hook'),
    `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(CLI_UNDER_TEST)} "$@"\n`,
    { mode: 0o755 },
  );
}

function commit(repo: TempRepo, args: string[], cwd = repo.dir): RunResult {
  const result = repo.tryGit(['commit', ...args], { cwd });
  sweep.expectClean({ stdout: result.stdout, stderr: result.stderr });
  return result;
}

const head = (repo: TempRepo) => repo.git('rev-parse', 'HEAD').trim();

describe('the installed hook quotes everything', () => {
  /** A repository directory name that breaks any unquoted or double-quoted use. */
  const HOSTILE_DIR = `seg-hook re po'"$(touch PWNED)\`touch PWNED\`;x $HOME\nline-`;

  test('a hostile repository path and hostile staged names: tokens blocked, clean commits pass, nothing runs', () => {
    const repo = newRepo(HOSTILE_DIR);
    linkBinary(repo.dir);
    repo.stage({ '.gitignore': 'node_modules/\n', 'README.md': 'hello\n' });
    repo.commit('init');
    const installed = runCli(['install'], { cwd: repo.dir });
    expect(installed.status).toBe(0);
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    expect(spawnSync('sh', ['-n', hook]).status).toBe(0);

    // A token under a hostile name: blocked by the scan (not by a shell error).
    const before = head(repo);
    const name = HOSTILE_NAMES[0];
    repo.write(name, `x = "${sweep.add(makeToken())}"\n`);
    repo.git('--literal-pathspecs', 'add', '--', name);
    const blocked = commit(repo, ['-m', 'token']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/1 token found in the staged changes\. Commit blocked\./);
    expect(head(repo)).toBe(before);

    // Clean files under every hostile name: the commit goes through (-a picks up an edit too).
    repo.git('--literal-pathspecs', 'rm', '-q', '--cached', '--', name);
    for (const hostile of HOSTILE_NAMES) repo.write(hostile, 'nothing secret here\n');
    repo.git('--literal-pathspecs', 'add', '--', ...HOSTILE_NAMES);
    expect(commit(repo, ['-q', '-m', 'clean']).status).toBe(0);
    repo.write(HOSTILE_NAMES[1], `changed "${sweep.add(makeToken())}"\n`);
    const blockedAll = commit(repo, ['-a', '-m', 'token via -a']);
    expect(blockedAll.status).not.toBe(0);
    expect(blockedAll.stderr).toMatch(/Commit blocked/);
    expect(pwned(repo.dir)).toEqual([]);
  });

  test('a hostile project directory (monorepo subfolder) is quoted in the hook', () => {
    const repo = newRepo();
    const project = `pkg '$(touch PWNED)' "\`touch PWNED\`" $x`;
    linkBinary(path.join(repo.dir, project));
    repo.write(path.join(project, 'package.json'), '{"name":"p","version":"1.0.0"}\n');
    repo.stage({ '.gitignore': 'node_modules/\n', 'README.md': 'hello\n' });
    repo.commit('init');
    const installed = runCli(['install'], { cwd: path.join(repo.dir, project) });
    expect(installed.status).toBe(0);
    const hookText = fs.readFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), 'utf8');
    // The project directory is embedded single-quoted, so sh reads it back byte for byte.
    expect(hookText).toContain(
      `seg_hook_project='pkg '\\''$(touch PWNED)'\\'' "\`touch PWNED\`" $x'`,
    );

    const before = head(repo);
    repo.stage({ 'secret.txt': `${sweep.add(makeToken())}\n` });
    const blocked = commit(repo, ['-m', 'token'], path.join(repo.dir, project));
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/Commit blocked\./);
    expect(head(repo)).toBe(before);
    repo.stage({ 'secret.txt': 'nothing\n' });
    expect(commit(repo, ['-q', '-m', 'clean']).status).toBe(0);
    expect(pwned(repo.dir)).toEqual([]);
  });

  test('a hostile core.hooksPath directory', () => {
    const repo = newRepo();
    linkBinary(repo.dir);
    repo.stage({ '.gitignore': 'node_modules/\n', 'README.md': 'hello\n' });
    repo.commit('init');
    repo.git('config', 'core.hooksPath', `hooks '$(touch PWNED)' \`touch PWNED\``);
    expect(runCli(['install'], { cwd: repo.dir }).status).toBe(0);
    const before = head(repo);
    repo.stage({ 'secret.txt': `${sweep.add(makeToken())}\n` });
    const blocked = commit(repo, ['-m', 'token']);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toMatch(/Commit blocked\./);
    expect(head(repo)).toBe(before);
    expect(pwned(repo.dir)).toEqual([]);
  });
});

describe('the source never reaches for a shell', () => {
  const SRC = path.resolve(__dirname, '../../src');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? files(full) : entry.name.endsWith('.ts') ? [full] : [];
    });

  test('no exec/execSync/execFile, no shell option, child processes only in src/git/', () => {
    const offenders: string[] = [];
    for (const file of files(SRC)) {
      const code = fs.readFileSync(file, 'utf8');
      const where = path.relative(SRC, file);
      if (/(?<![.\w])(exec|execSync|execFile|execFileSync|spawnSync|fork)\s*\(/.test(code))
        offenders.push(`${where}: exec-style call`);
      if (/\bshell\s*:/.test(code)) offenders.push(`${where}: a shell option`);
      if (/['"](node:)?child_process['"]/.test(code) && !where.startsWith(`git${path.sep}`))
        offenders.push(`${where}: child_process outside src/git`);
    }
    expect(offenders).toEqual([]);
  });

  test('git is spawned in one place: src/git/streamGit.ts (no second process runner)', () => {
    const spawning = files(SRC)
      .filter((file) =>
        /['"](node:)?child_process['"]|['"]simple-git['"]/.test(fs.readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(SRC, file).split(path.sep).join('/'));
    expect(spawning).toEqual(['git/streamGit.ts']);
  });
});
