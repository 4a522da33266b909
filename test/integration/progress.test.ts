/**
 * Long scans tell how long: on a terminal, --history and --range show done/total, percent and
 * the time left; in CI logs and pipes (stderr not a terminal) nothing at all. util-linux
 * script(1) gives the CLI a pseudo-terminal.
 */
import { spawnSync } from 'node:child_process';
import { TempRepo } from '../helpers/gitRepo';
import { CLI, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const COMMITS = 12;
let repo: TempRepo;
beforeAll(() => {
  repo = session.repo();
  for (let i = 0; i < COMMITS; i++) {
    repo.stage({ [`f${i}.txt`]: `line ${i}\n` });
    repo.commit(`c${i}`);
  }
});

/** The CLI on a pseudo-terminal: what a user sees (stdout and stderr both reach it). */
function onTerminal(args: string[]) {
  const command = [process.execPath, CLI, ...args].map((word) => JSON.stringify(word)).join(' ');
  return session.run(repo, 'script', ['-qec', command, '/dev/null']);
}

const PROGRESS = (total: number) =>
  new RegExp(
    `seg-hook: scanned \\d+/${total} commits \\(\\d+%\\), (estimating time left…|about \\d+ s left)`,
  );

test('script(1) is here to give the CLI a terminal (util-linux; install it if this fails)', () => {
  expect(spawnSync('script', ['--version']).status).toBe(0);
});

test('--history on a terminal: done/total, percent, time left, then the final count', () => {
  const result = onTerminal(['--history']);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(PROGRESS(COMMITS));
  expect(result.stdout).toContain(`seg-hook: scanned ${COMMITS} commits.`);
});

test('--range on a terminal: the total is the range, not all history', () => {
  const result = onTerminal(['--range', 'HEAD~5..HEAD']);
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(PROGRESS(5));
  expect(result.stdout).toContain('seg-hook: scanned 5 commits.');
});

test('not a terminal (CI logs, pipes): no progress in any format', () => {
  for (const args of [['--history'], ['--range', 'HEAD~5..HEAD']]) {
    expect(session.scan(repo, args)).toMatchObject({ status: 0, stderr: '' });
    const json = session.scan(repo, [...args, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(json.stdout).not.toMatch(/scanned/);
  }
});
