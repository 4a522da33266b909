/**
 * startGit: a git command started before its output is wanted. The staged scan starts its
 * diff while it is still reading the configuration; output that arrives (or a git that exits)
 * before `consume` must reach the consumer whole — Node itself drains and drops the output
 * of an exited child that nobody listens to.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { ScanError } from '../../src/errors';
import { createGit } from '../../src/git/repository';
import { startGit } from '../../src/git/streamGit';
import { TempRepo, isolatedEnv } from '../helpers/gitRepo';
import { randomString } from '../helpers/tokens';

let repo: TempRepo;
beforeAll(() => {
  repo = new TempRepo();
  repo.stage({ 'small.txt': 'one line\n' });
  repo.commit('base');
  // Larger than a pipe's buffer (64 KiB) and Node's stream buffer together: git must wait.
  const big = Array.from({ length: 20000 }, (_, i) => `${i} ${randomString(40)}`).join('\n');
  repo.stage({ 'small.txt': 'two lines\nnow\n', 'big.txt': `${big}\n` });
});
afterAll(() => repo.cleanup());

const env = isolatedEnv();

function expected(args: string[]): Buffer {
  return spawnSync('git', args, { cwd: repo.dir, env, maxBuffer: 1 << 28 }).stdout;
}

async function consumeAll(args: string[], delayMs: number): Promise<Buffer> {
  const git = startGit(repo.dir, args, env);
  await sleep(delayMs);
  const chunks: Buffer[] = [];
  await git.consume((chunk) => chunks.push(chunk));
  return Buffer.concat(chunks);
}

describe('createGit: small commands, read whole', () => {
  test('a non-zero exit without a word on stderr is an empty answer', async () => {
    const git = createGit(repo.dir, env);
    await expect(git.raw(['config', '--get', 'no.such-key'])).resolves.toBe('');
    await expect(git.raw(['rev-parse', '--verify', '--quiet', 'no-such-ref'])).resolves.toBe('');
    await expect(git.raw(['rev-parse', '--verify', '--quiet', 'HEAD'])).resolves.toMatch(
      /^[0-9a-f]{40}\n$/,
    );
  });

  test("git's complaint on stderr is a failure with its reason", async () => {
    const git = createGit(repo.dir, env);
    const failure = git.raw(['rev-parse', '--verify', 'no-such-ref']);
    await expect(failure).rejects.toThrow(ScanError);
    await expect(failure).rejects.toThrow(/git rev-parse failed: fatal: Needed a single revision/);
    const outside = createGit(fs.realpathSync(os.tmpdir()), {
      ...env,
      GIT_CEILING_DIRECTORIES: fs.realpathSync(os.tmpdir()),
    });
    await expect(outside.raw(['rev-parse', '--show-toplevel'])).rejects.toMatchObject({
      kind: 'not-a-repo',
    });
  });
});

describe('startGit', () => {
  test('small output of a git that exited before consume arrives whole', async () => {
    const args = ['diff', '--cached', '--', 'small.txt'];
    const want = expected(args);
    expect(want.length).toBeGreaterThan(0);
    // 500 ms: git has long exited; without a listener from the start the output would be lost.
    expect((await consumeAll(args, 500)).equals(want)).toBe(true);
  });

  test('output larger than the pipe, consumed late, arrives whole and in order', async () => {
    const args = ['diff', '--cached'];
    const want = expected(args);
    expect(want.length).toBeGreaterThan(512 * 1024);
    expect((await consumeAll(args, 300)).equals(want)).toBe(true);
  });

  test('output consumed at once arrives whole', async () => {
    const args = ['diff', '--cached'];
    expect((await consumeAll(args, 0)).equals(expected(args))).toBe(true);
  });

  test("a git that failed before consume rejects with git's reason", async () => {
    const git = startGit(repo.dir, ['rev-parse', '--verify', 'no-such-ref'], env);
    await sleep(300);
    await expect(git.consume(() => undefined)).rejects.toMatchObject({ kind: 'git-failed' });
  });

  test('a cancelled git hands nothing on: consume rejects', async () => {
    // A diff larger than the pipe: git is still waiting for a reader when it is cancelled.
    const git = startGit(repo.dir, ['diff', '--cached'], env);
    await sleep(200);
    git.cancel();
    await expect(git.consume(() => undefined)).rejects.toThrow(/cancelled/);
  });
});
