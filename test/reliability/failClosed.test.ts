/**
 * Fail closed: whatever stops a scan — a corrupt or incomplete repository, unreadable files, an
 * invalid git config, a git that dies, lies or prints garbage, a signal mid-scan — ends in exit
 * code 2 (the hook blocks) with one clear line, never exit 0 and never a stack trace.
 * (git missing from PATH, a corrupt index and invalid .seg-hookrc.json are in
 * test/integration/errors.test.ts; a read-only hooks directory in install.test.ts and
 * noDamage.test.ts.)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { makeToken } from '../helpers/tokens';
import {
  CLI_UNDER_TEST,
  expectOneLineFailure,
  LeakSweep,
  realGit,
  runCli,
  unprivilegedOwner,
  writeExecutable,
} from './support';

const CANNOT_SCAN = /^seg-hook: cannot scan: .+\. The commit is blocked; bypass once with/;

const repos: TempRepo[] = [];
const dirs: string[] = [];
const sweep = new LeakSweep();
afterAll(() => {
  for (const repo of repos) repo.cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

/** A repo with one commit and a staged token (a scan that works would exit 1). */
function stagedRepo(): TempRepo {
  const repo = new TempRepo('seg-hook-failclosed-');
  repos.push(repo);
  repo.stage({ 'base.txt': 'base\n' });
  repo.commit('base');
  repo.stage({ 'a.js': `const key = "${sweep.add(makeToken())}";\n` });
  return repo;
}

function scan(
  repo: TempRepo,
  args: string[] = [],
  options: { env?: NodeJS.ProcessEnv; uid?: number } = {},
): RunResult {
  // As git runs the pre-commit hook: GIT_INDEX_FILE names the index being committed, and the
  // failure says the commit is blocked (a run by hand has no commit to speak of).
  const env = {
    ...(options.env ?? isolatedEnv()),
    GIT_INDEX_FILE: path.join(repo.dir, '.git', 'index'),
  };
  const result = runCli(args, { ...options, env, cwd: repo.dir });
  sweep.expectClean({ stdout: result.stdout, stderr: result.stderr });
  return result;
}

/** The loose object file of `id`. */
function objectFile(repo: TempRepo, id: string): string {
  return path.join(repo.dir, '.git', 'objects', id.slice(0, 2), id.slice(2));
}

const stagedBlob = (repo: TempRepo, file: string) => repo.git('rev-parse', `:${file}`).trim();

/**
 * git diff reads a stat-clean work-tree file instead of its blob; with the work-tree copy
 * changed, only the object database has the staged content.
 */
function onlyInObjectDatabase(repo: TempRepo, file: string): string {
  const id = stagedBlob(repo, file);
  repo.write(file, 'changed in the work tree, not staged\n');
  return objectFile(repo, id);
}

/** A real commit whose pre-commit hook runs the CLI: it must be blocked by our message. */
function expectCommitBlocked(repo: TempRepo): void {
  writeExecutable(
    path.join(repo.dir, '.git', 'hooks', 'pre-commit'),
    `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_UNDER_TEST)}`,
  );
  const head = repo.git('rev-parse', 'HEAD');
  const result = repo.tryGit(['commit', '-q', '-m', 'x']);
  sweep.expectClean({ stdout: result.stdout, stderr: result.stderr });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/seg-hook: cannot scan: /);
  expect(repo.git('rev-parse', 'HEAD')).toBe(head);
}

describe('a damaged repository: exit 2, one line', () => {
  test('a staged blob is missing from the object database (scan and commit)', () => {
    const repo = stagedRepo();
    fs.rmSync(onlyInObjectDatabase(repo, 'a.js'));
    expectOneLineFailure(scan(repo), CANNOT_SCAN);
    expectOneLineFailure(scan(repo, ['--format', 'json']), CANNOT_SCAN);
    expectCommitBlocked(repo);
  });

  test("HEAD's tree is missing", () => {
    const repo = stagedRepo();
    fs.rmSync(objectFile(repo, repo.git('rev-parse', 'HEAD^{tree}').trim()));
    expectOneLineFailure(scan(repo), CANNOT_SCAN);
  });

  test('a staged blob is corrupt (not zlib data)', () => {
    const repo = stagedRepo();
    const file = onlyInObjectDatabase(repo, 'a.js');
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, 'this is not a zlib stream');
    expectOneLineFailure(scan(repo), CANNOT_SCAN);
  });

  test('.git/HEAD is garbage', () => {
    const repo = stagedRepo();
    fs.writeFileSync(path.join(repo.dir, '.git', 'HEAD'), 'garbage\n');
    const env = isolatedEnv({ GIT_CEILING_DIRECTORIES: path.dirname(repo.dir) });
    expectOneLineFailure(
      scan(repo, [], { env }),
      /^seg-hook: cannot scan: not inside a git repository/,
    );
  });

  test('.git/config has a syntax error', () => {
    const repo = stagedRepo();
    fs.appendFileSync(path.join(repo.dir, '.git', 'config'), '\n[core\n  broken = \n');
    const result = scan(repo);
    expectOneLineFailure(result, CANNOT_SCAN);
    expect(result.stderr).toMatch(/config/);
  });
});

describe('unreadable files: exit 2, one line (as an unprivileged user)', () => {
  test('the staged blob cannot be read', () => {
    const repo = stagedRepo();
    const blob = onlyInObjectDatabase(repo, 'a.js');
    const uid = unprivilegedOwner(repo.dir);
    fs.chmodSync(blob, 0o000);
    expectOneLineFailure(
      scan(repo, [], { uid, env: isolatedEnv({ HOME: repo.dir }) }),
      CANNOT_SCAN,
    );
  });

  test('the index cannot be read', () => {
    const repo = stagedRepo();
    const uid = unprivilegedOwner(repo.dir);
    fs.chmodSync(path.join(repo.dir, '.git', 'index'), 0o000);
    expectOneLineFailure(
      scan(repo, [], { uid, env: isolatedEnv({ HOME: repo.dir }) }),
      CANNOT_SCAN,
    );
  });

  test('.seg-hookrc.json cannot be read', () => {
    const repo = stagedRepo();
    repo.write('.seg-hookrc.json', '{}\n');
    const uid = unprivilegedOwner(repo.dir);
    fs.chmodSync(path.join(repo.dir, '.seg-hookrc.json'), 0o000);
    const result = scan(repo, [], { uid, env: isolatedEnv({ HOME: repo.dir }) });
    expectOneLineFailure(result, /\.seg-hookrc\.json/);
  });
});

describe('a git that dies, lies or babbles: exit 2, one line', () => {
  /** A `git` first on PATH that misbehaves on the staged patch and passes everything else through. */
  function sabotagedEnv(sabotage: string): NodeJS.ProcessEnv {
    const bin = tempDir('seg-hook-fake-git-');
    const real = JSON.stringify(realGit());
    writeExecutable(
      path.join(bin, 'git'),
      [
        'case " $* " in',
        `  *" --numstat "*) exec ${real} "$@" ;;`,
        `  *" --cached "*) ${sabotage.replace(/REAL/g, real)} ;;`,
        'esac',
        `exec ${real} "$@"`,
      ].join('\n'),
    );
    return isolatedEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  }

  /** A staged file whose patch is one long hunk (~200 KB). */
  function bigHunkRepo(): TempRepo {
    const repo = stagedRepo();
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `line ${i} sgp_short segment ${'x'.repeat(40)}`,
    );
    repo.stage({ 'big.txt': `${lines.join('\n')}\n` });
    return repo;
  }

  test('git is killed (SIGKILL) in the middle of the patch', () => {
    const repo = bigHunkRepo();
    const env = sabotagedEnv('REAL "$@" | head -c 50000; kill -9 $$');
    expectOneLineFailure(scan(repo, [], { env }), CANNOT_SCAN);
  });

  test('git is killed between two files (what it printed so far parses cleanly)', () => {
    const repo = stagedRepo();
    // The first patch is complete and clean; the token is in the second, never printed.
    repo.stage({ '0-first.txt': 'segment notes, nothing secret\n' });
    const env = sabotagedEnv(`REAL "$@" | awk '/^diff --git /{n++} n<2'; kill -9 $$`);
    expectOneLineFailure(scan(repo, [], { env }), CANNOT_SCAN);
  });

  test('git stops in the middle of a hunk but exits 0', () => {
    const repo = bigHunkRepo();
    const env = sabotagedEnv('REAL "$@" | head -c 50000; exit 0');
    expectOneLineFailure(scan(repo, [], { env }), CANNOT_SCAN);
    expectOneLineFailure(scan(repo, ['--format', 'json'], { env }), CANNOT_SCAN);
  });

  test('git prints something that is not a diff and exits 0', () => {
    const repo = stagedRepo();
    const env = sabotagedEnv("printf 'Everything up-to-date\\n'; exit 0");
    expectOneLineFailure(scan(repo, [], { env }), CANNOT_SCAN);
  });

  test('git fails without saying anything', () => {
    const repo = stagedRepo();
    const env = sabotagedEnv('exit 3');
    expectOneLineFailure(scan(repo, [], { env }), CANNOT_SCAN);
  });

  test('git fails with many lines of stderr: still one line', () => {
    const repo = stagedRepo();
    const env = sabotagedEnv(
      "printf 'warning: one\\nerror: two\\nfatal: three\\nhint: four\\n' >&2; exit 128",
    );
    const result = scan(repo, [], { env });
    expectOneLineFailure(result, CANNOT_SCAN);
    expect(result.stderr).toMatch(/three/);
  });
});

describe('a signal in the middle of a scan: exit 2, one line', () => {
  let repo: TempRepo;

  beforeAll(() => {
    repo = new TempRepo('seg-hook-signal-');
    repos.push(repo);
    // ~40 MB of lines that each hold a needle (so every line is really examined).
    const line = `const notAToken = "sgp_short"; // segment ${'y'.repeat(60)}\n`;
    repo.write('big.js', line.repeat(Math.ceil((40 << 20) / line.length)));
    repo.git('add', 'big.js');
  }, 120000);

  /** Child processes of `pid` running `git … diff --cached` (the staged patch). */
  function gitDiffChildren(pid: number): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        if (ppid === pid && cmdline.includes('--cached') && !cmdline.includes('--numstat'))
          found.push(Number(entry));
      } catch {
        // The process ended while we looked.
      }
    }
    return found;
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };

  async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  test.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s',
    async (signal) => {
      const child = spawn(process.execPath, [CLI_UNDER_TEST, '--format', 'json'], {
        cwd: repo.dir,
        env: isolatedEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
      child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.on('close', (code, sig) => resolve({ code, signal: sig })),
      );
      // Mid-scan: the CLI is running and its git is producing the patch.
      const git = await waitFor(() => gitDiffChildren(child.pid!)[0], 30000);
      expect(git).toBeDefined();
      child.kill(signal);
      const { code, signal: killedBy } = await exited;
      expect({ code, killedBy, stdout }).toEqual({ code: 2, killedBy: null, stdout: '' });
      expect(stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^seg-hook: cannot scan: interrupted by ${signal}\\.`)),
      ]);
      // The git it started does not live on.
      expect(await waitFor(() => (alive(git!) ? undefined : true), 10000)).toBe(true);
    },
    120000,
  );
});
