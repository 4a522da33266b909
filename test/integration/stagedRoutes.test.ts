/**
 * Which git commands a staged scan runs (src/scan/stagedCommands.ts): one `git diff --raw -p`
 * for a commit of up to 64 changes; past that, after its list of changes, git grep for the new
 * files (one single-threaded grep per core) and the patch of the rest, read whole. Whatever the route, the findings are those of the added
 * lines. git's invocations are recorded by a wrapper first on PATH.
 */
import childProcess from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitCallLog, stagedRouteOf } from '../helpers/gitCalls';
import { TempRepo } from '../helpers/gitRepo';
import { scanStaged } from '../../src/scan/scanStaged';
import { isolatedEnv, positionOf, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const gitCalls = new GitCallLog();
afterAll(() => gitCalls.cleanup());

/** Runs the hook's scan with every git invocation logged; returns the report and the log. */
function scanLogged(repo: TempRepo) {
  gitCalls.take();
  const text = session.scan(repo, ['--staged'], { env: gitCalls.env(isolatedEnv()) });
  return { text, calls: gitCalls.take() };
}

function committedRepo(files: number): TempRepo {
  const repo = session.repo();
  const content: Record<string, string> = {};
  for (let i = 0; i < files; i++) content[`src/f${i}.js`] = `const v${i} = ${i};\n`;
  repo.stage(content);
  repo.commit('base');
  return repo;
}

describe('the git commands of a staged scan', () => {
  test('a small commit: one git process, the list and the patch together', () => {
    const repo = committedRepo(5);
    const token = session.token();
    const line = `const key = "${token}";\n`;
    repo.stage({ 'src/f1.js': `const v1 = 1;\n${line}`, 'src/f3.js': 'const v3 = 33;\n' });
    const { text, calls } = scanLogged(repo);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(`src/f1.js:2:${positionOf(line, token).column}`);
    expect(calls).toHaveLength(1);
    expect(stagedRouteOf(calls)).toBe('one patch');
    expect(calls[0]).toMatch(/ diff --cached --raw -z --no-abbrev -p /);
    expect(calls[0]).not.toMatch(/ -G/);
  });

  test('more than 64 changed files: git stops after the list, the patch is read again', () => {
    const repo = committedRepo(70);
    const token = session.token();
    const changed: Record<string, string> = {};
    for (let i = 0; i < 70; i++) changed[`src/f${i}.js`] = `const v${i} = ${i + 1};\n`;
    const line = `  key: "${token}",\n`;
    changed['src/f42.js'] = `const v42 = 43;\n${line}`;
    repo.stage(changed);
    const { text, calls } = scanLogged(repo);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(`src/f42.js:2:${positionOf(line, token).column}`);
    expect(text.stderr).toMatch(/1 token found/);
    expect(calls).toHaveLength(2);
    expect(stagedRouteOf(calls)).toBe('patch');
    expect(calls[1]).toMatch(/ diff --cached .*--unified=0/);
    expect(calls[1]).not.toMatch(/ -G|--raw/);
  });

  test('a few new files: still one git process', () => {
    const repo = committedRepo(2);
    const token = session.token();
    const line = `token=${token}\n`;
    repo.stage({ 'added/new.env': `A=1\n${line}`, 'added/other.txt': 'x\n' });
    const { text, calls } = scanLogged(repo);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(`added/new.env:2:${positionOf(line, token).column}`);
    expect(calls).toHaveLength(1);
  });

  test('more than 64 changes with new files: the list, then one single-threaded git grep per core', () => {
    const repo = committedRepo(2);
    const token = session.token();
    const line = `token=${token}\n`;
    const files: Record<string, string> = { 'added/new.env': `A=1\n${line}` };
    for (let i = 0; i < 70; i++) files[`added/more${i}.txt`] = `line ${i}\n`;
    repo.stage(files);
    const { text, calls } = scanLogged(repo);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(`added/new.env:2:${positionOf(line, token).column}`);
    // 71 new files: at least 32 per grep, at most one per core (and 8).
    const greps = Math.min(os.availableParallelism(), 8, Math.floor(71 / 32));
    // Each grep's index is written by git update-index before any grep starts.
    expect(calls.map((call) => / (diff|update-index|grep) /.exec(` ${call} `)?.[1])).toEqual([
      'diff',
      ...Array<string>(greps).fill('update-index'),
      ...Array<string>(greps).fill('grep'),
    ]);
    for (const grep of calls.slice(1 + greps)) expect(grep).toMatch(/^grep --threads=1 /);
  });

  test('the greps of many new files: every finding once, in path order, counts summed', () => {
    const repo = committedRepo(2);
    const files: Record<string, string> = {};
    const expected: { file: string; line: number }[] = [];
    // Names whose byte order differs from a locale's order; a token in every third file.
    for (let i = 0; i < 150; i++) {
      const file = `n/${i % 2 ? 'B' : 'a'}${String(i).padStart(3, '0')}${i % 5 ? '' : 'é'}.txt`;
      const withToken = i % 3 === 0;
      files[file] = withToken ? `one\ntwo ${session.token()}\n` : 'one\ntwo\n';
      if (withToken) expected.push({ file, line: 2 });
    }
    repo.stage(files);
    const { report, status } = session.json(repo);
    expect(status).toBe(1);
    const byBytes = (a: { file: string }, b: { file: string }) =>
      Buffer.compare(Buffer.from(a.file), Buffer.from(b.file));
    expect(report.findings.map(({ file, line }) => ({ file, line }))).toEqual(
      [...expected].sort(byBytes),
    );
    expect(report.summary.filesScanned).toBe(150);
    expect(report.summary.linesScanned).toBe(300);
  });
});

describe('the library call behind it (scanStaged)', () => {
  function manyNewFiles(count: number): TempRepo {
    const repo = committedRepo(2);
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) files[`added/f${String(i).padStart(3, '0')}.txt`] = `x ${i}\n`;
    repo.stage(files);
    return repo;
  }

  test('an index file that git cannot write (a full disk): the patch of all finds the same', async () => {
    const repo = manyNewFiles(70);
    const token = session.token();
    repo.stage({ 'added/f033.txt': `x\nkey = "${token}"\n` });
    // git update-index fails as it does on a full disk; every other command is the real one.
    const realSpawn = childProcess.spawn;
    const spawn = jest
      .spyOn(childProcess, 'spawn')
      .mockImplementation(((command: string, args: string[], options: childProcess.SpawnOptions) =>
        args.includes('update-index')
          ? realSpawn(
              'sh',
              [
                '-c',
                'echo "fatal: unable to write new index file: No space left on device" >&2; exit 128',
              ],
              options,
            )
          : realSpawn(command, args, options)) as typeof childProcess.spawn);
    try {
      const result = await scanStaged({ cwd: repo.dir, env: isolatedEnv(), counts: false });
      expect(result.findings.map(({ file, line }) => `${file}:${line}`)).toEqual([
        'added/f033.txt:2',
      ]);
      const commands = spawn.mock.calls.map(([, args]) => (args as string[]).join(' '));
      // One index per grep: 70 new files make two groups of 32 or more, one per core.
      const indexes = Math.min(os.availableParallelism(), 2);
      expect(commands.filter((command) => / update-index /.test(command))).toHaveLength(indexes);
      expect(
        commands.some((command) => / diff --cached /.test(command) && !/--raw/.test(command)),
      ).toBe(true);
      expect(commands.some((command) => /^grep /.test(command))).toBe(false);
    } finally {
      spawn.mockRestore();
    }
  });

  // One grep fails while another is still running: the other is stopped, and the failure is
  // reported only once every git has ended and the index files are gone. Two cores are
  // reported whatever the machine has, so that there are two greps.
  test('a failing grep stops the others; nothing is left running or on disk', async () => {
    const cores = jest.spyOn(os, 'availableParallelism').mockReturnValue(2);
    const repo = manyNewFiles(70);
    const broken = repo.git('rev-parse', ':added/f001.txt').trim();
    fs.rmSync(path.join(repo.dir, '.git', 'objects', broken.slice(0, 2), broken.slice(2)));
    // The grep of the first index never ends by itself; the second fails (f001 is in it).
    const bin = session.tempDir('seg-hook-slow-git-');
    const realGit = repo.run('sh', ['-c', 'command -v git']).stdout.trim();
    fs.writeFileSync(
      path.join(bin, 'git'),
      `#!/bin/sh\ncase "$GIT_INDEX_FILE $1" in */index0\\ grep) exec sleep 60;; esac\nexec '${realGit}' "$@"\n`,
      { mode: 0o755 },
    );
    const tmp = session.tempDir('seg-hook-tmpdir-');
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const spawn = jest.spyOn(childProcess, 'spawn');
    try {
      const env = isolatedEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
      await expect(scanStaged({ cwd: repo.dir, env, counts: false })).rejects.toThrow(
        /unable to read|git grep/i,
      );
      const children = spawn.mock.results.map((r) => r.value as childProcess.ChildProcess);
      expect(cores).toHaveBeenCalled();
      expect(children.length).toBeGreaterThanOrEqual(5);
      for (const child of children) {
        expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
      }
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      spawn.mockRestore();
      cores.mockRestore();
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
  }, 20_000);
});
