/**
 * What a newcomer sees when something is off: each message says what happened, in this mode,
 * and the next step, on one line with exit code 2 (or, for a finding, the right advice).
 * Each case was first tried as a new user would; the test pins the message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TempRepo } from '../helpers/gitRepo';
import { CLI, isolatedEnv, linesOf, RunResult, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

/** The built CLI run in `cwd` (a directory that need not be a repository). */
function runIn(cwd: string, args: string[], input?: string): RunResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: isolatedEnv(),
    encoding: 'utf8',
    input: input ?? '',
  });
  const run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  session.assertNoLeak(run);
  return run;
}

function expectOneLineError(result: RunResult, message: string | RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(linesOf(result.stderr)).toHaveLength(1);
  if (typeof message === 'string') expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
}

let repo: TempRepo;
beforeAll(() => {
  repo = session.repo();
  repo.stage({ 'README.md': 'hi\n' });
  repo.commit('first');
});

describe('mistyped commands and options', () => {
  test('seg-hook help explian: names the topic and the nearest command, prints no help dump', () => {
    const result = runIn(repo.dir, ['help', 'explian']);
    expectOneLineError(
      result,
      'seg-hook: no help for "explian" (did you mean "seg-hook help explain"?); the commands are pre-push, baseline, explain, verify, install, uninstall, status. See seg-hook --help.',
    );
    expect(result.stderr).not.toContain('outputHelp');
    // A known topic still prints its help and exits 0.
    expect(runIn(repo.dir, ['help', 'explain'])).toMatchObject({ status: 0 });
  });

  test('seg-hook instal: did you mean "seg-hook install" (not "no such staged file")', () => {
    expectOneLineError(
      runIn(repo.dir, ['instal']),
      'seg-hook: "instal" is neither a command nor a file; did you mean "seg-hook install"? See seg-hook --help.',
    );
  });

  test('--formt: did you mean --format', () => {
    expectOneLineError(
      runIn(repo.dir, ['--formt', 'json']),
      "seg-hook: unknown option '--formt' (Did you mean --format?). See seg-hook --help.",
    );
  });

  test('-f xml: the allowed formats, one sentence, no ".."', () => {
    const result = runIn(repo.dir, ['-f', 'xml']);
    expectOneLineError(
      result,
      'Allowed choices are text, json, sarif, github. See seg-hook --help.',
    );
    expect(result.stderr).not.toContain('..');
  });
});

describe('outside a repository: what is blocked depends on the mode', () => {
  let plain: string;
  beforeAll(() => {
    plain = session.tempDir();
  });

  test.each([
    ['--history', ['--history']],
    ['--range', ['--range', 'main..HEAD']],
    ['baseline', ['baseline']],
  ])('%s says it cannot scan, and nothing about a commit', (_mode, args) => {
    const result = runIn(plain, args);
    expectOneLineError(result, 'seg-hook: cannot scan: not inside a git repository.');
    expect(result.stderr).not.toMatch(/commit|push/);
  });

  test('the staged scan run by hand says nothing about a commit (there is none)', () => {
    const result = runIn(plain, ['--staged']);
    expectOneLineError(result, 'seg-hook: cannot scan: not inside a git repository.');
    expect(result.stderr).not.toMatch(/commit|SEG_HOOK_SKIP/);
  });

  test('pre-push says the push is blocked and how to bypass', () => {
    expectOneLineError(
      runIn(plain, ['pre-push', 'origin', 'url']),
      'The push is blocked; bypass once with SEG_HOOK_SKIP=1 git push ... or git push --no-verify.',
    );
  });
});

describe('a token in a .env file', () => {
  test('the advice is .gitignore and git rm --cached, not process.env', () => {
    const envRepo = session.repo();
    envRepo.stage({ '.env': `SEGMENT_API_TOKEN=${session.token()}\n` });
    const result = session.scan(envRepo);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('.env is an environment file');
    expect(result.stderr).toContain('echo /.env >> .gitignore && git rm --cached -- .env');
    expect(result.stderr).not.toContain('process.env');
    // Run as printed, the advice works: the file leaves the index and stays on disk.
    envRepo.run('sh', ['-c', 'echo /.env >> .gitignore && git rm -q --cached -- .env']);
    expect(fs.existsSync(path.join(envRepo.dir, '.env'))).toBe(true);
    expect(session.scan(envRepo).status).toBe(0);
  });

  test('a .env file beside a source file: both pieces of advice', () => {
    const mixed = session.repo();
    mixed.stage({
      'config/.env.production': `SEGMENT_TOKEN=${session.token()}\n`,
      'app.js': `const k = "${session.token()}";\n`,
    });
    const result = session.scan(mixed);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('process.env');
    expect(result.stderr).toContain('git rm --cached -- config/.env.production');
  });
});
