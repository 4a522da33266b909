/**
 * No leaks: every output path — reports in every format and mode, errors, warnings, usage and
 * help text after a failure, verification, baseline and install output, the installed hook at
 * commit time, and the files seg-hook writes — is swept for tokens. The sweep is stricter than
 * "no full token": no 8 consecutive characters of any token body may appear (the contract shows
 * at most 4). Tokens sit in file contents, file names, history, commit authors, arguments,
 * configuration, standard input and the repository path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { makeSourcegraphToken, makeToken, randomString } from '../helpers/tokens';
import { CLI_UNDER_TEST, LeakSweep, runCli } from './support';

const sweep = new LeakSweep();
const repos: TempRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const repo of repos) repo.cleanup();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const token = (length = 64) => sweep.add(makeToken(length));
/** A credential without the prefix (the assignment rule's kind of secret), swept the same way. */
const bareSecret = () => sweep.add(`sgp_${randomString(32)}`).slice(4);

let repo: TempRepo;
let base: string;
let tip: string;
let checked = 0;

/** Runs the CLI and sweeps stdout and stderr; returns the result for further checks. */
function run(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): RunResult {
  const result = runCli(args, {
    cwd: options.cwd ?? repo.dir,
    env: options.env,
    input: options.input,
  });
  sweep.expectClean({
    [`stdout of ${args.join(' ')}`]: result.stdout,
    [`stderr of ${args.join(' ')}`]: result.stderr,
  });
  checked += 1;
  return result;
}

beforeAll(() => {
  repo = new TempRepo('seg-hook-leaks-');
  repos.push(repo);
  repo.stage({ 'README.md': 'base\n' });
  repo.commit('base');
  base = repo.git('rev-parse', 'HEAD').trim();
  // History: tokens in content, and a commit whose author name is a token.
  repo.stage({ 'old.js': `const k = "${token()}";\n` });
  repo.tryGit(['commit', '-q', '--no-verify', '-m', `adds ${token()}`], {
    env: isolatedEnv({ GIT_AUTHOR_NAME: token(), GIT_AUTHOR_EMAIL: `${token(20)}@example.com` }),
  });
  tip = repo.git('rev-parse', 'HEAD').trim();
  // Staged: every rule, a risky file, and names that are tokens themselves.
  repo.stage({
    'app.js': `const a = "${token()}"; const b = '${token(16)}';\n`,
    '.env': `SEGMENT_TOKEN=${bareSecret()}\nOTHER=${token()}\n`,
    'sg.txt': `${sweep.add(makeSourcegraphToken('hex40'))} ${sweep.add(makeSourcegraphToken('id'))}\n`,
    [`keys/${token(24)}.txt`]: `k=${token()}\n`,
    [`.env.${token(20)}`]: `X=${token()}\n`,
  });
});

describe('reports', () => {
  test.each(['text', 'json', 'sarif', 'github'])('staged scan, --format %s', (format) => {
    expect(run(['--format', format]).status).toBe(1);
  });

  test.each(['text', 'json', 'sarif', 'github'])(
    'history and range scans, --format %s',
    (format) => {
      expect(run(['--history', '--format', format]).status).toBe(1);
      expect(run(['--range', `${base}..${tip}`, '--format', format]).status).toBe(1);
    },
  );

  test('pre-push, with the pushed refs on standard input', () => {
    const input = `refs/heads/main ${tip} refs/heads/main ${'0'.repeat(40)}\n`;
    expect(run(['pre-push', 'origin', 'https://example.com/r.git'], { input }).status).toBe(1);
  });

  test('path arguments, including a name that is a token', () => {
    const named = repo
      .git('diff', '--cached', '--name-only', '-z')
      .split('\0')
      .filter((n) => n.startsWith('keys/'));
    expect(run([path.join(repo.dir, named[0])]).status).toBe(1);
    expect(run(['--format', 'json', '--', named[0]]).status).toBe(1);
  });

  test('--verify against an unreachable API (the token is sent to no one, and shown to no one)', () => {
    const result = run([
      '--verify',
      '--api-url',
      'http://127.0.0.1:9',
      '--timeout',
      '2000',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(1);
  });

  test('sanity: --no-redact really shows tokens, so the sweep would catch a leak', () => {
    const result = runCli(['--no-redact'], { cwd: repo.dir });
    expect(sweep.leaks(result.stderr, 'stderr').length).toBeGreaterThan(0);
  });
});

describe('errors, warnings and help', () => {
  test.each<[string, string[]]>([
    ['an unknown option', [`--${token()}`]],
    ['a bad --format', ['--format', token()]],
    ['a --range end that is not a commit', ['--range', `${token()}..HEAD`]],
    ['a --range with a token after ...', ['--range', `HEAD...${token()}`]],
    ['a missing --config', ['--config', `${token()}.json`]],
    ['a missing --baseline', ['--baseline', `${token()}.json`]],
    ['a bad --timeout', ['--verify', '--timeout', token()]],
    [
      'an --api-url with a token',
      ['--verify', '--api-url', `https://user:${token()}@example.com/${token()}`],
    ],
    ['a path outside the repository', [path.join(os.tmpdir(), `${token()}.js`)]],
    ['an unknown subcommand option', ['install', `--${token()}`]],
    ['paths with --history', ['--history', token()]],
  ])('%s', (_name, args) => {
    const result = run(args);
    expect(result.status).toBe(2);
  });

  test('a bad configuration and a bad baseline that quote tokens', () => {
    const dir = new TempRepo('seg-hook-leaks-config-');
    repos.push(dir);
    dir.stage({ 'a.js': `x = "${token()}"\n` });
    dir.write('.seg-hookrc.json', `{ "ignorePaths": ["${token()}" }\n`);
    expect(run([], { cwd: dir.dir }).status).toBe(2);
    dir.write('.seg-hookrc.json', `{ "${token()}": true }\n`);
    expect(run([], { cwd: dir.dir }).status).toBe(2);
    dir.remove('.seg-hookrc.json');
    dir.write('.seg-hook-baseline.json', `{ "version": 1, "entries": ["${token()}"] }\n`);
    expect(run([], { cwd: dir.dir }).status).toBe(2);
    dir.write('.seg-hook-baseline.json', `not json ${token()}\n`);
    expect(run([], { cwd: dir.dir }).status).toBe(2);
  });

  test('help, version, explain, and bypass warnings', () => {
    for (const args of [['--help'], ['help'], ['install', '--help'], ['--version'], ['explain']]) {
      expect(run(args).status).toBe(0);
    }
    expect(run([], { env: isolatedEnv({ SEG_HOOK_SKIP: token() }) }).status).toBe(0);
    expect(run([], { env: isolatedEnv({ SKIP: `seg-hook,${token()}` }) }).status).toBe(0);
  });
});

describe('verify', () => {
  test.each<[string, string]>([
    ['a Segment token, API unreachable', `${token()}\n`],
    ['a Sourcegraph token', `${sweep.add(makeSourcegraphToken('hex40'))}\n`],
    ['text around a token', `export SEGMENT_API_TOKEN="${token()}"\n`],
    ['two tokens', `${token()} ${token()}\n`],
  ])('%s', (_name, input) => {
    for (const format of ['text', 'json']) {
      const result = run(
        ['verify', '--api-url', 'http://127.0.0.1:9', '--timeout', '2000', '--format', format],
        { input },
      );
      expect(result.status).not.toBe(1);
    }
  });
});

describe('what seg-hook writes', () => {
  test('baseline: its output and the file it writes', () => {
    const result = run(['baseline', '--history', '-o', `baseline-${token(20)}.json`]);
    expect(result.status).toBe(0);
    const written = fs.readdirSync(repo.dir).filter((name) => name.startsWith('baseline-'));
    expect(written).toHaveLength(1);
    sweep.expectClean({
      'the baseline file': fs.readFileSync(path.join(repo.dir, written[0]), 'utf8'),
    });
    fs.rmSync(path.join(repo.dir, written[0]));
    expect(run(['baseline']).status).toBe(0);
    sweep.expectClean({
      'the default baseline file': fs.readFileSync(
        path.join(repo.dir, '.seg-hook-baseline.json'),
        'utf8',
      ),
    });
    fs.rmSync(path.join(repo.dir, '.seg-hook-baseline.json'));
  });

  test('install in a repository whose path and hooks directory hold tokens; the hook at commit time', () => {
    const parent = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), `seg-hook-${token(20)}-`)),
    );
    dirs.push(parent);
    const project = new TempRepo(`${path.basename(parent)}/repo-${token(20)}-`);
    repos.push(project);
    const bin = path.join(project.dir, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(
      path.join(bin, 'seg-hook'),
      `#!/bin/sh\nexec "${process.execPath}" "${CLI_UNDER_TEST}" "$@"\n`,
      { mode: 0o755 },
    );
    project.stage({ '.gitignore': 'node_modules/\n' });
    project.commit('init');
    project.git('config', 'core.hooksPath', `hooks-${token(20)}`);
    for (const args of [
      ['install', '--dry-run'],
      ['install'],
      ['install'],
      ['uninstall', '--dry-run'],
    ]) {
      expect(run(args, { cwd: project.dir }).status).toBe(0);
    }
    const hooksDir = path.join(project.dir, project.git('config', 'core.hooksPath').trim());
    for (const name of fs.readdirSync(hooksDir)) {
      sweep.expectClean({
        [`hook file ${name}`]: fs.readFileSync(path.join(hooksDir, name), 'utf8'),
      });
    }
    project.stage({ 'x.js': `const k = "${token()}";\n` });
    const blocked = project.tryGit(['commit', '-m', 'x']);
    expect(blocked.status).not.toBe(0);
    sweep.expectClean({ 'commit stdout': blocked.stdout, 'commit stderr': blocked.stderr });
    expect(run(['uninstall'], { cwd: project.dir }).status).toBe(0);
  });

  test('the sweep covered every run', () => {
    expect(checked).toBeGreaterThan(50);
    expect(sweep.tokens.length).toBeGreaterThan(40);
  });
});
