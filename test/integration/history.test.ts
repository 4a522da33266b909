/**
 * `seg-hook --history`: an audit of every commit reachable from any ref — branches, tags
 * (also tags on commits no branch has), including tokens removed since — reported with the
 * commit that added each one, and a summary.
 */
import { TempRepo } from '../helpers/gitRepo';
import { testNeeding } from '../helpers/systemTools';
import { CLI, isolatedEnv, JsonFinding, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

type CommitFinding = JsonFinding & { commit: string; date: string; author: string };

/** Commits with a fixed author date, so first/last seen are known. */
function commitAt(repo: TempRepo, date: string, files: Record<string, string>, message: string) {
  repo.stage(files);
  const env = isolatedEnv({ GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  const result = repo.tryGit(['commit', '-q', '--no-verify', '-m', message], { env });
  if (result.status !== 0) throw new Error(result.stderr);
  return repo.git('rev-parse', 'HEAD').trim();
}

function history(repo: TempRepo, extra: string[] = []) {
  const { status, report } = session.json(repo, ['--history', ...extra]);
  return { status, report, findings: report.findings as CommitFinding[] };
}

describe('--history', () => {
  let repo: TempRepo;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(() => {
    repo = session.repo();
    for (const name of ['removed', 'feature', 'orphanTag', 'annotated', 'twice']) {
      tokens[name] = session.token();
    }
    ids.base = commitAt(repo, '2020-01-01T00:00:00Z', { 'README.md': 'base\n' }, 'base');
    ids.removed = commitAt(
      repo,
      '2020-02-01T00:00:00Z',
      { 'conf/app config.env': `A=1\nSEGMENT=${tokens.removed}\n` },
      'leak',
    );
    repo.git('rm', '-q', '--', 'conf/app config.env');
    repo.commit('remove the leak');
    // The same token committed again elsewhere: two findings, one fingerprint.
    ids.twice = commitAt(
      repo,
      '2020-03-01T00:00:00Z',
      { 'b.txt': `x ${tokens.removed}\n` },
      'again',
    );
    repo.git('rm', '-q', 'b.txt');
    repo.commit('remove again');
    repo.git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'empty');

    repo.git('checkout', '-q', '-b', 'feature');
    ids.feature = commitAt(
      repo,
      '2021-06-01T00:00:00Z',
      { 'f.js': `k="${tokens.feature}"\n` },
      'f',
    );

    // A tag on a commit that no branch reaches any more.
    repo.git('checkout', '-q', '-b', 'tmp', 'main');
    ids.orphanTag = commitAt(
      repo,
      '2019-05-05T00:00:00Z',
      { 't.txt': `${tokens.orphanTag}\n` },
      't',
    );
    repo.git('tag', 'lightweight');
    ids.annotated = commitAt(
      repo,
      '2022-12-31T23:00:00Z',
      { 'u.txt': `${tokens.annotated}\n` },
      'u',
    );
    repo.git('tag', '-a', '-m', 'release', 'v1.0');
    repo.git('checkout', '-q', 'main');
    repo.git('branch', '-q', '-D', 'tmp');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
  });

  test('finds tokens in every branch and tag, also removed ones, with the adding commit', () => {
    const { status, findings } = history(repo);
    expect(status).toBe(1);
    const found = findings.map((f) => [f.commit, f.file, f.line]).sort();
    expect(found).toEqual(
      [
        [ids.removed, 'conf/app config.env', 2],
        [ids.twice, 'b.txt', 1],
        [ids.feature, 'f.js', 1],
        [ids.orphanTag, 't.txt', 1],
        [ids.annotated, 'u.txt', 1],
      ].sort(),
    );
    for (const finding of findings) {
      expect(finding.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(finding.author).toBe('Test <test@example.com>');
      expect(repo.git('show', '-s', '--format=%aI', finding.commit).trim()).toBe(finding.date);
    }
  });

  test('the JSON summary: commits, findings, distinct fingerprints, first and last seen', () => {
    const { report } = history(repo);
    expect(report.summary).toMatchObject({
      findings: 5,
      blockingFindings: 5,
      distinctFingerprints: 4,
      firstSeen: '2019-05-05T00:00:00+00:00',
      lastSeen: '2022-12-31T23:00:00+00:00',
    });
    // Every commit any ref reaches is read, including the empty one, deletions and the merge.
    const reachable = Number(repo.git('rev-list', '--all', '--count').trim());
    expect(report.summary.commitsScanned).toBe(reachable);
  });

  test('the text report: commit, date, author, file:line per token; summary; remediation', () => {
    const result = session.scan(repo, ['--history']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const err = result.stderr;
    expect(err).toContain('5 tokens (4 distinct) found in committed history');
    expect(err).toContain(
      'First seen 2019-05-05T00:00:00+00:00, last seen 2022-12-31T23:00:00+00:00.',
    );
    expect(err).toContain(
      `  ${ids.removed.slice(0, 12)} 2020-02-01 Test <test@example.com>  conf/app config.env:2:9`,
    );
    expect(err).toContain(`${ids.annotated.slice(0, 12)} 2022-12-31`);
    // Remediation: revoke and rotate first; filter-repo purge with its caveats.
    expect(err).toMatch(/revoke and rotate/i);
    expect(err).toContain('git filter-repo');
    expect(err).toMatch(/re-clone/);
    expect(err).toMatch(/forks/);
    expect(err).toMatch(/never replaces revocation/);
  });

  test('no progress text when stderr is not a terminal', () => {
    expect(session.scan(repo, ['--history', '--format', 'json']).stderr).toBe('');
    expect(session.scan(repo, ['--history']).stderr).not.toMatch(/scanned \d+ commits/);
  });

  testNeeding('script')('a progress indicator on stderr when it is a terminal', () => {
    // util-linux script(1) runs the CLI on a pseudo-terminal.
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --history --format json`;
    const result = session.run(repo, 'script', ['-qec', command, '/dev/null']);
    const reachable = repo.git('rev-list', '--all', '--count').trim();
    expect(result.stdout).toContain(`seg-hook: scanned ${reachable} commits.`);
    expect(result.status).toBe(1);
  });

  test('a baseline made from history silences all of it; a new token still shows', () => {
    const copy = session.repo();
    const base = commitAt(copy, '2020-01-01T00:00:00Z', { 'a.txt': `k=${session.token()}\n` }, 'a');
    copy.git('rm', '-q', 'a.txt');
    copy.commit('gone');
    expect(session.scan(copy, ['baseline', '--history']).status).toBe(0);
    expect(history(copy)).toMatchObject({ status: 0, findings: [] });
    expect(history(copy).report.summary.suppressedByBaseline).toBe(1);

    const fresh = commitAt(
      copy,
      '2024-01-01T00:00:00Z',
      { 'n.txt': `k=${session.token()}\n` },
      'n',
    );
    const after = history(copy);
    expect(after.status).toBe(1);
    expect(after.findings.map((f) => f.commit)).toEqual([fresh]);
    expect(after.findings.map((f) => f.commit)).not.toContain(base);
  });

  test('first and last seen compare instants, not text, across time zones', () => {
    const zones = session.repo();
    // 02:00 at +05:00 is 21:00 UTC the day before: earlier than 23:00 UTC that day.
    commitAt(zones, '2020-01-01T02:00:00+05:00', { 'a.txt': `k=${session.token()}\n` }, 'a');
    commitAt(zones, '2019-12-31T23:00:00+00:00', { 'b.txt': `k=${session.token()}\n` }, 'b');
    commitAt(zones, '2019-12-31T20:30:00-03:00', { 'c.txt': `k=${session.token()}\n` }, 'c');
    const { report } = history(zones);
    expect(report.summary).toMatchObject({
      firstSeen: '2020-01-01T02:00:00+05:00',
      lastSeen: '2019-12-31T20:30:00-03:00',
    });
    expect(session.scan(zones, ['--history']).stderr).toContain(
      'First seen 2020-01-01T02:00:00+05:00, last seen 2019-12-31T20:30:00-03:00.',
    );
  });

  test('a repository without commits: nothing to scan, exit 0', () => {
    const empty = session.repo();
    const result = session.json(empty, ['--history']);
    expect(result.status).toBe(0);
    expect(result.report.findings).toEqual([]);
  });
});
