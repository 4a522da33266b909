/**
 * `seg-hook baseline` and the baseline in every scan mode, in real repositories: accepted
 * findings stay quiet after unrelated edits move them, new tokens are still reported, and the
 * file holds fingerprints only, byte-identical when regenerated.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { CLI, isolatedEnv, linesOf, RunResult, ScanSession } from './scanSupport';
import { tokenShapedStrings } from '../unit/support/results';

const session = new ScanSession();
afterAll(() => session.cleanup());

const BASELINE = '.seg-hook-baseline.json';

function commit(repo: TempRepo, files: Record<string, string>, message: string): string {
  repo.stage(files);
  repo.commit(message);
  return repo.git('rev-parse', 'HEAD').trim();
}

function makeBaseline(repo: TempRepo, args: string[] = [], cwd?: string): RunResult {
  const result = session.scan(repo, ['baseline', ...args], { cwd });
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('');
  expect(linesOf(result.stderr)).toHaveLength(1);
  expect(result.stderr).toMatch(/wrote .* with \d+ entr(y|ies) \(fingerprints only; no tokens\)/);
  return result;
}

function expectOneLineError(result: RunResult, mentions: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(linesOf(result.stderr)).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).toMatch(mentions);
}

/** A repo with an accepted token committed at config.js line 3. */
function repoWithAcceptedToken() {
  const repo = session.repo();
  const accepted = session.token();
  const content = `// config\nconst a = 1;\nconst key = "${accepted}";\n`;
  const base = commit(repo, { 'config.js': content, 'README.md': 'hi\n' }, 'base');
  return { repo, accepted, content, base };
}

describe('seg-hook baseline', () => {
  test('records fingerprints only: no token, no line numbers; byte-identical when regenerated', () => {
    const { repo, accepted } = repoWithAcceptedToken();
    makeBaseline(repo);
    const text = repo.read(BASELINE);
    expect(text).not.toContain(accepted);
    expect(text).not.toContain(accepted.slice(4, 14));
    expect(tokenShapedStrings(text)).toEqual([]);
    expect(text).not.toMatch(/"(line|column|date|commit)"/);
    const parsed = JSON.parse(text) as { version: number; entries: { files: string[] }[] };
    expect(parsed.version).toBe(1);
    expect(parsed.entries.map((e) => e.files)).toEqual([['config.js']]);

    // Regenerating with the baseline in place records the same findings again, same bytes.
    makeBaseline(repo);
    expect(repo.read(BASELINE)).toBe(text);

    // Unrelated edits that move the token's line change nothing either.
    commit(
      repo,
      { 'config.js': `// a\n// b\n// c\n${repo.read('config.js')}`, 'x.js': '1\n' },
      'move',
    );
    makeBaseline(repo);
    expect(repo.read(BASELINE)).toBe(text);
  });

  test('from the tracked tree by default; --history also records removed tokens', () => {
    const { repo } = repoWithAcceptedToken();
    commit(repo, { 'gone.txt': `k=${session.token()}\n` }, 'leak');
    repo.git('rm', '-q', 'gone.txt');
    repo.commit('remove leak');
    makeBaseline(repo);
    expect(JSON.parse(repo.read(BASELINE)).entries).toHaveLength(1);
    makeBaseline(repo, ['--history']);
    const entries = JSON.parse(repo.read(BASELINE)).entries as { files: string[] }[];
    expect(entries.map((e) => e.files[0]).sort()).toEqual(['config.js', 'gone.txt']);
  });

  test('-o writes elsewhere (relative to the repository root, from any directory)', () => {
    const { repo } = repoWithAcceptedToken();
    fs.mkdirSync(path.join(repo.dir, 'sub', 'deeper'), { recursive: true });
    fs.mkdirSync(path.join(repo.dir, 'ci'));
    makeBaseline(repo, ['-o', 'ci/accepted.json'], path.join(repo.dir, 'sub', 'deeper'));
    expect(fs.existsSync(path.join(repo.dir, 'ci', 'accepted.json'))).toBe(true);
    expect(fs.existsSync(path.join(repo.dir, BASELINE))).toBe(false);
  });
});

describe('every scan mode suppresses baselined findings and says how many', () => {
  test('--staged: the accepted token re-added at another line is not reported; a new one is', () => {
    const { repo, accepted } = repoWithAcceptedToken();
    makeBaseline(repo);
    // Reindenting re-adds the token's line, now at line 5.
    repo.stage({
      'config.js': `// config\n\n\nconst a = 1;\n  const key = "${accepted}";\n`,
    });
    const quiet = session.json(repo);
    expect(quiet.status).toBe(0);
    expect(quiet.report.findings).toEqual([]);
    expect(quiet.report.summary.suppressedByBaseline).toBe(1);
    const text = session.scan(repo);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe(
      'seg-hook: 1 baselined finding not reported (their fingerprints are in the baseline file).\n',
    );

    const fresh = session.token();
    repo.stage({ 'new.js': `const other = "${fresh}";\n` });
    const loud = session.json(repo);
    expect(loud.status).toBe(1);
    expect(loud.report.findings.map((f) => [f.file, f.line])).toEqual([['new.js', 1]]);
    expect(loud.report.summary.suppressedByBaseline).toBe(1);
    const loudText = session.scan(repo);
    expect(loudText.stderr).toContain('new.js:1:');
    expect(loudText.stderr).toContain('1 baselined finding not reported');
  });

  test('--range and --history: unrelated edits that move the line change nothing', () => {
    const { repo, accepted } = repoWithAcceptedToken();
    makeBaseline(repo);
    // A range trusts the baseline of its base commit, so the baseline is committed first.
    const base = commit(repo, { [BASELINE]: repo.read(BASELINE) }, 'baseline');
    commit(repo, { 'config.js': `// moved\n\n${repo.read('config.js')}` }, 'move it down');
    commit(
      repo,
      { 'config.js': `// moved\n\n// config\nconst a = 2;\n\tconst key = "${accepted}";\n` },
      'touch the line',
    );
    const range = session.json(repo, ['--range', `${base}..HEAD`]);
    expect(range).toMatchObject({ status: 0, report: { findings: [] } });
    expect(range.report.summary.suppressedByBaseline).toBe(1);
    const history = session.json(repo, ['--history']);
    expect(history).toMatchObject({ status: 0, report: { findings: [] } });
    expect(history.report.summary.suppressedByBaseline).toBe(2);
    expect(session.scan(repo, ['--history']).stderr).toContain('2 baselined findings not reported');

    const fresh = commit(repo, { 'n.txt': `k=${session.token()}\n` }, 'new leak');
    const after = session.json(repo, ['--range', `${base}..HEAD`]);
    expect(after.status).toBe(1);
    expect(after.report.findings.map((f) => (f as typeof f & { commit: string }).commit)).toEqual([
      fresh,
    ]);
  });

  test('a baselined token pasted into another file is a new exposure: reported there', () => {
    const { repo, accepted } = repoWithAcceptedToken();
    makeBaseline(repo);
    repo.stage({ 'src/copy.js': `const key = "${accepted}";\n` });
    const pasted = session.json(repo);
    expect(pasted.status).toBe(1);
    expect(pasted.report.findings.map((f) => f.file)).toEqual(['src/copy.js']);
  });

  test('renames: a pure rename adds nothing; the line edited under the new name is reported', () => {
    const { repo, accepted, content } = repoWithAcceptedToken();
    makeBaseline(repo);
    repo.git('mv', 'config.js', 'settings.js');
    expect(session.json(repo)).toMatchObject({ status: 0, report: { findings: [] } });
    repo.stage({ 'settings.js': content.replace(`"${accepted}"`, `'${accepted}'`) });
    const edited = session.json(repo);
    expect(edited.status).toBe(1);
    expect(edited.report.findings.map((f) => [f.file, f.line])).toEqual([['settings.js', 3]]);
    // Recording the new name (seg-hook baseline reads the committed tree) accepts it again.
    repo.commit('rename');
    makeBaseline(repo);
    repo.stage({
      'settings.js': `${repo.read('settings.js').replace('const key', '  const key')}`,
    });
    expect(session.json(repo)).toMatchObject({ status: 0, report: { findings: [] } });
  });

  test('--format sarif and github leave suppressed findings out', () => {
    const { repo } = repoWithAcceptedToken();
    makeBaseline(repo);
    const sarif = session.scan(repo, ['--history', '--format', 'sarif']);
    expect(sarif.status).toBe(0);
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([]);
    const github = session.scan(repo, ['--history', '--format', 'github']);
    expect(github).toMatchObject({ status: 0, stdout: '' });
  });

  test('--baseline <file> uses that file instead of the root one', () => {
    const { repo, accepted } = repoWithAcceptedToken();
    fs.mkdirSync(path.join(repo.dir, 'ci'));
    makeBaseline(repo, ['-o', 'ci/accepted.json']);
    repo.stage({ 'config.js': `const key = "${accepted}"; // moved\n` });
    // No root baseline: reported.
    expect(session.json(repo).status).toBe(1);
    const explicit = session.json(repo, ['--baseline', 'ci/accepted.json']);
    expect(explicit.status).toBe(0);
    expect(explicit.report.summary.suppressedByBaseline).toBe(1);
    // The explicit file wins over a root baseline that accepts nothing.
    repo.write(BASELINE, '{"version":1,"entries":[]}\n');
    expect(session.json(repo).status).toBe(1);
    expect(session.json(repo, ['--baseline', 'ci/accepted.json']).status).toBe(0);
    // Relative to the current directory, like any file argument.
    const sub = path.join(repo.dir, 'ci');
    expect(session.json(repo, ['--baseline', 'accepted.json'], { cwd: sub }).status).toBe(0);
  });

  test('an explicit baseline that does not exist: exit 2, one line', () => {
    const { repo } = repoWithAcceptedToken();
    expectOneLineError(
      session.scan(repo, ['--history', '--baseline', 'missing.json']),
      /missing\.json/,
    );
  });

  test.each([
    ['invalid JSON', '{"version": 1, "entries": [\n', true],
    ['a wrong shape', '{"version": 1, "entries": [{"fingerprint": "not-hex"}]}\n', false],
    ['a future version', '{"version": 2, "entries": []}\n', false],
  ])('a malformed baseline (%s): exit 2 in every mode', (_what, text, everyFormat) => {
    const { repo } = repoWithAcceptedToken();
    // Committed: a range reads the baseline of its base commit.
    const base = commit(repo, { [BASELINE]: text }, 'bad baseline');
    const tip = commit(repo, { 'b.txt': 'b\n' }, 'b');
    repo.stage({ 'staged.txt': 'staged\n' });
    const formats = everyFormat ? ['text', 'json', 'sarif', 'github'] : ['text'];
    for (const args of [[], ['--range', `${base}..HEAD`], ['--history']]) {
      for (const format of formats) {
        expectOneLineError(
          session.scan(repo, ['--format', format, ...args]),
          /seg-hook-baseline\.json/,
        );
      }
    }
    // The pre-push hook too (git's standard input: a new branch).
    const prePush = spawnSync(process.execPath, [CLI, 'pre-push', 'origin', 'url'], {
      cwd: repo.dir,
      env: isolatedEnv(),
      input: `refs/heads/main ${tip} refs/heads/main ${'0'.repeat(40)}\n`,
      encoding: 'utf8',
    });
    expectOneLineError(
      { status: prePush.status, stdout: prePush.stdout, stderr: prePush.stderr },
      /seg-hook-baseline\.json/,
    );
  });
});
