/**
 * Anything that stops a scan is exit code 2 with exactly one line on stderr, no stack trace and
 * nothing on stdout: the hook treats it as blocking, and a person can read it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { isolatedEnv, linesOf, RunResult, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

function expectOneLineError(result: RunResult, mentions: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(linesOf(result.stderr)).toHaveLength(1);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).toMatch(mentions);
}

function stagedRepo(): TempRepo {
  const repo = session.repo();
  repo.stage({ 'a.js': `const a = "${session.token()}";\n` });
  return repo;
}

describe('cannot scan: exit 2, one line', () => {
  test('not inside a git repository', () => {
    const repo = session.repo();
    const plain = session.tempDir();
    const env = isolatedEnv({ GIT_CEILING_DIRECTORIES: path.dirname(plain) });
    for (const format of ['text', 'json']) {
      expectOneLineError(
        session.scan(repo, ['--format', format], { cwd: plain, env }),
        /not inside a git repository/,
      );
    }
  });

  test('a corrupt index', () => {
    const repo = stagedRepo();
    fs.writeFileSync(path.join(repo.dir, '.git', 'index'), 'this is not an index file at all\n');
    expectOneLineError(session.scan(repo), /index/);
    expectOneLineError(session.scan(repo, ['--format', 'json']), /index/);
  });

  test('an unknown flag', () => {
    expectOneLineError(session.scan(stagedRepo(), ['--bogus']), /--bogus/);
  });

  test('a bad --format value', () => {
    expectOneLineError(session.scan(stagedRepo(), ['--format', 'yaml']), /yaml/);
  });

  test('a malformed .seg-hookrc.json', () => {
    const repo = stagedRepo();
    repo.write('.seg-hookrc.json', '{ "ignorePaths": [ "docs/**", }\n');
    expectOneLineError(session.scan(repo), /\.seg-hookrc\.json/);
    expectOneLineError(session.scan(repo, ['--format', 'json']), /\.seg-hookrc\.json/);
  });

  test('an unknown configuration key, and a bad value', () => {
    const repo = stagedRepo();
    repo.write('.seg-hookrc.json', '{ "ignorePath": ["docs/**"] }\n');
    expectOneLineError(session.scan(repo), /\.seg-hookrc\.json.*ignorePath/);
    repo.write('.seg-hookrc.json', '{ "sourcegraphTokens": "sometimes" }\n');
    expectOneLineError(session.scan(repo), /\.seg-hookrc\.json.*sourcegraphTokens/);
  });

  test('a bad seg-hook key in package.json', () => {
    const repo = stagedRepo();
    repo.write('package.json', JSON.stringify({ name: 'x', 'seg-hook': { ignore: ['a'] } }));
    expectOneLineError(session.scan(repo), /package\.json.*ignore/);
  });

  test('a --config file that does not exist', () => {
    expectOneLineError(session.scan(stagedRepo(), ['--config', 'missing.json']), /missing\.json/);
  });

  test('git missing from PATH names git', () => {
    const repo = stagedRepo();
    // Only node on PATH: a directory holding a link to it (node's own directory may hold git).
    const bin = session.tempDir('seg-hook-bin-');
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const env = isolatedEnv({ PATH: bin });
    const result = session.scan(repo, [], { env });
    expectOneLineError(result, /\bgit\b/);
    expect(result.stderr).toMatch(/git was not found|git.*not found|not found.*git/i);
  });

  test('what an error quotes cannot break it into several lines', () => {
    const outside = path.join(session.tempDir(), 'two\nlines.js');
    expectOneLineError(session.scan(stagedRepo(), [outside]), /two\\nlines\.js/);
  });

  test('tokens in what an error quotes are still redacted', () => {
    // The sweep in session.scan fails each of these if the token appears in the message.
    const repo = stagedRepo();
    repo.write('.seg-hookrc.json', `{ "ignorePaths": ["${session.token()}" }\n`);
    expectOneLineError(session.scan(repo), /\.seg-hookrc\.json/);
    repo.write('.seg-hookrc.json', `{ "ignorePaths": ["${session.token()}"], "x": 1 }\n`);
    expectOneLineError(session.scan(repo), /\.seg-hookrc\.json/);

    const clean = stagedRepo();
    const outside = path.join(session.tempDir(), `${session.token()}.js`);
    expectOneLineError(session.scan(clean, [outside]), /outside the repository/);
    expectOneLineError(session.scan(clean, [`--${session.token()}`]), /unknown option/);
  });
});
