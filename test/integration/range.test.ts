/**
 * `seg-hook --range A..B` in real repositories: every commit of the range is scanned on its own,
 * so a token added and removed inside the range is still reported, with the commit that added
 * it, at the file and line of that commit's version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { JsonFinding, linesOf, positionOf, RunResult, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

type CommitFinding = JsonFinding & {
  commit: string;
  date: string;
  author: string;
  hiddenBy?: string;
};

function commit(repo: TempRepo, files: Record<string, string>, message: string): string {
  repo.stage(files);
  repo.commit(message);
  return repo.git('rev-parse', 'HEAD').trim();
}

function rangeFindings(repo: TempRepo, range: string, extra: string[] = []) {
  const { status, report } = session.json(repo, ['--range', range, ...extra]);
  return { status, report, findings: report.findings as CommitFinding[] };
}

function expectOneLineError(result: RunResult, mentions: RegExp): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(linesOf(result.stderr)).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).toMatch(mentions);
}

describe('--range A..B', () => {
  test('a token added in one commit and removed in the next is reported with that commit', () => {
    const repo = session.repo();
    const base = commit(repo, { 'app.js': 'const a = 1;\n' }, 'base');
    const token = session.token();
    const content = `const a = 1;\n\nconst key = "${token}";\n`;
    const added = commit(repo, { 'app.js': content }, 'add key');
    commit(repo, { 'app.js': 'const a = 1;\nconst key = process.env.KEY;\n' }, 'remove key');
    expect(repo.read('app.js')).not.toContain(token);

    const { status, report, findings } = rangeFindings(repo, `${base}..HEAD`);
    expect(status).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      file: 'app.js',
      ...positionOf(content, token),
      commit: added,
      author: 'Test <test@example.com>',
    });
    expect(findings[0].date).toBe(repo.git('show', '-s', '--format=%aI', added).trim());
    expect(report.summary.commitsScanned).toBe(2);

    // The human report names the commit too (abbreviated) and says how to fix history.
    const text = session.scan(repo, ['--range', `${base}..HEAD`]);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain(`${added.slice(0, 12)} `);
    expect(text.stderr).toContain('app.js:3:14');
    expect(text.stderr).toMatch(/rebase -i|--amend/);
  });

  test('each commit is read in its own version: lines, order, and what is not re-added', () => {
    const repo = session.repo();
    const base = commit(repo, { 'README.md': 'base\n' }, 'base');
    const first = session.token();
    const second = session.token();
    const a = commit(repo, { 'a.txt': `one\nk=${first}\n` }, 'a');
    // An unrelated edit moves the token's line; the token line itself is not added again.
    commit(repo, { 'a.txt': `new\nnew\nnew\none\nk=${first}\n` }, 'move');
    const c = commit(repo, { 'b.txt': `k=${second}\n`, 'a.txt': `new\nnew\nnew\none\n` }, 'c');
    // Re-adding the same token later is a new finding at its new place, from its own commit.
    const d = commit(repo, { 'a.txt': `new\nnew\nnew\none\n\n\nk=${first}\n` }, 'd');

    const { findings } = rangeFindings(repo, `${base}..HEAD`);
    expect(findings.map((f) => [f.file, f.line, f.commit])).toEqual([
      ['a.txt', 2, a],
      ['b.txt', 1, c],
      ['a.txt', 7, d],
    ]);
    expect(findings[0].fingerprint).toBe(findings[2].fingerprint);
  });

  test('commits outside the range are not scanned', () => {
    const repo = session.repo();
    commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'old leak');
    const clean = commit(repo, { 'b.txt': 'clean\n' }, 'clean');
    commit(repo, { 'c.txt': 'clean too\n' }, 'clean too');
    const { status, findings, report } = rangeFindings(repo, `${clean}..HEAD`);
    expect(status).toBe(0);
    expect(findings).toEqual([]);
    expect(report.summary.commitsScanned).toBe(1);
    expect(session.scan(repo, ['--range', `${clean}..HEAD`])).toMatchObject({
      status: 0,
      stdout: '',
    });
  });

  test('A...B, an empty end and a branch name are accepted revisions', () => {
    const repo = session.repo();
    const base = commit(repo, { 'README.md': 'base\n' }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    const leak = commit(repo, { 'f.txt': `k=${session.token()}\n` }, 'feature leak');
    repo.git('checkout', '-q', 'main');
    commit(repo, { 'm.txt': 'main\n' }, 'main work');
    for (const range of ['main..feature', 'main...feature', `${base}..feature`]) {
      expect(rangeFindings(repo, range).findings.map((f) => f.commit)).toEqual([leak]);
    }
    repo.git('checkout', '-q', 'feature');
    expect(rangeFindings(repo, 'main..').findings.map((f) => f.commit)).toEqual([leak]);
  });

  test('file names with spaces and unicode are reported exactly', () => {
    const repo = session.repo();
    const base = commit(repo, { 'README.md': 'base\n' }, 'base');
    const names = ['dir with space/file name.txt', 'café/中文 😀.env', 'tab\there.txt'];
    const files: Record<string, string> = {};
    for (const name of names) files[name] = `x\nSEGMENT=${session.token()}\n`;
    const id = commit(repo, files, 'names');
    const { findings } = rangeFindings(repo, `${base}..HEAD`);
    expect(findings.map((f) => [f.file, f.line, f.commit]).sort()).toEqual(
      names.map((name) => [name, 2, id]).sort(),
    );
  });

  test('a rename adds nothing; a rename with an edit reports only the edited line', () => {
    const repo = session.repo();
    const content = `a\nk=${session.token()}\nb\nc\nd\ne\n`;
    const base = commit(repo, { 'old name.txt': content }, 'base');
    repo.git('mv', 'old name.txt', 'new name.txt');
    repo.commit('rename');
    expect(rangeFindings(repo, `${base}..HEAD`).findings).toEqual([]);

    repo.git('mv', 'new name.txt', 'newer name.txt');
    const second = session.token();
    const edited = commit(repo, { 'newer name.txt': `${content}k2=${second}\n` }, 'rename+edit');
    expect(repo.git('show', '--format=', '-M', '--name-status', edited)).toMatch(/^R\d+/);
    const { findings } = rangeFindings(repo, `${base}..HEAD`);
    expect(findings.map((f) => [f.file, f.line, f.commit])).toEqual([
      ['newer name.txt', 7, edited],
    ]);
  });

  test('merges: the branch commit that added a token is reported, the merge itself is not diffed', () => {
    const repo = session.repo();
    const base = commit(repo, { 'README.md': 'base\n' }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    const leak = commit(repo, { 'f.txt': `k=${session.token()}\n` }, 'feature leak');
    repo.git('checkout', '-q', 'main');
    commit(repo, { 'm.txt': 'main\n' }, 'main work');
    repo.git('merge', '-q', '--no-ff', '--no-edit', 'feature');
    const merge = repo.git('rev-parse', 'HEAD').trim();

    const { findings, report } = rangeFindings(repo, `${base}..${merge}`);
    // Once, at the commit that added it; not again at the merge (git log --diff-merges=off).
    expect(findings.map((f) => f.commit)).toEqual([leak]);
    expect(findings.map((f) => f.commit)).not.toContain(merge);
    expect(report.summary.commitsScanned).toBeGreaterThanOrEqual(2);

    // A range holding only the merge (its branch already checked) reports nothing new.
    expect(rangeFindings(repo, `${merge}^1..${merge}`).findings.map((f) => f.commit)).toEqual([
      leak,
    ]);
    expect(rangeFindings(repo, `${leak}..${merge}`).findings).toEqual([]);
  });

  test('a token added by a merge commit itself (an "evil merge") is reported at the merge', () => {
    // Merges are read with --diff-merges=remerge: against git's own automatic merge.
    const repo = session.repo();
    const base = commit(repo, { 'README.md': 'base\n' }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    commit(repo, { 'f.txt': 'feature\n' }, 'feature');
    repo.git('checkout', '-q', 'main');
    commit(repo, { 'm.txt': 'main\n' }, 'main work');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'feature');
    repo.stage({ 'evil.txt': `k=${session.token()}\n` });
    repo.commit('merge with an extra line');
    const merge = repo.git('rev-parse', 'HEAD').trim();
    expect(repo.git('show', '-s', '--format=%P', merge).trim().split(' ')).toHaveLength(2);
    const range = rangeFindings(repo, `${base}..HEAD`);
    expect(range.status).toBe(1);
    expect(range.findings.map((f) => [f.file, f.line, f.commit])).toEqual([['evil.txt', 1, merge]]);
    const history = session.json(repo, ['--history']).report.findings;
    expect(history.map((f) => (f as unknown as { commit: string }).commit)).toEqual([merge]);
  });

  test('a conflicted merge resolved with a token is reported at the merge, once', () => {
    const repo = session.repo();
    const base = commit(repo, { 'c.txt': 'a\nb\nc\n' }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    commit(repo, { 'c.txt': 'a\nB\nc\n' }, 'feature');
    repo.git('checkout', '-q', 'main');
    commit(repo, { 'c.txt': 'a\nbb\nc\n' }, 'main');
    repo.tryGit(['merge', '-q', 'feature']); // conflicts
    repo.stage({ 'c.txt': `a\nresolved ${session.token()}\nc\n` });
    repo.commit('resolve');
    const merge = repo.git('rev-parse', 'HEAD').trim();
    const range = rangeFindings(repo, `${base}..HEAD`);
    expect(range.findings.map((f) => [f.file, f.line, f.commit])).toEqual([['c.txt', 2, merge]]);
  });

  test("the base's baseline suppresses a token only in the files it records", () => {
    const repo = session.repo();
    const known = session.token();
    commit(repo, { 'a.txt': `k=${known}\n` }, 'known');
    expect(repo.segHook(['baseline']).status).toBe(0);
    const base = commit(
      repo,
      { '.seg-hook-baseline.json': repo.read('.seg-hook-baseline.json') },
      'baseline',
    );
    const fresh = commit(
      repo,
      { 'a.txt': `k2=${known}\n`, 'b.txt': `k=${session.token()}\n`, 'c.txt': `k=${known}\n` },
      'new',
    );
    const { findings, report } = rangeFindings(repo, `${base}..HEAD`);
    // c.txt: the fixture token pasted into a new file is a new exposure.
    expect(findings.map((f) => [f.file, f.commit])).toEqual([
      ['b.txt', fresh],
      ['c.txt', fresh],
    ]);
    expect(report.summary.suppressedByBaseline).toBe(1);
  });
});

describe('--range with a bad value: exit 2, one line', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = session.repo();
    commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'one');
    commit(repo, { 'b.txt': 'two\n' }, 'two');
  });

  test.each([
    ['garbage', ['--range', 'garbage'], /garbage/],
    ['a missing end', ['--range', 'HEAD~1..nope'], /nope/],
    ['three ends', ['--range', 'HEAD~1..HEAD..HEAD'], /A\.\.B/],
    ['an empty value', ['--range', ''], /A\.\.B/],
    ['a tree, not a commit', ['--range', 'HEAD^{tree}..HEAD'], /not a commit/],
    ['a blob path', ['--range', 'HEAD:a.txt..HEAD'], /not a commit/],
    [
      'a single revision (it would mean all of its history)',
      ['--range', 'HEAD~1'],
      /HEAD~1\.\.HEAD/,
    ],
    ['an option as the value', ['--range', '--output=x'], /--output=x/],
    ['an option in the = form', ['--range=--output=x'], /--output=x/],
    ['an option as one end', ['--range', 'HEAD..--all'], /--all/],
    // A negated revision would select nothing and pass silently.
    ['a negated revision', ['--range', '^HEAD'], /A\.\.B/],
    ['a negated end', ['--range', 'HEAD~1..^HEAD'], /A\.\.B/],
    ['no value at all', ['--range'], /range/],
    ['--range and --history together', ['--range', 'HEAD~1..HEAD', '--history'], /combined/],
    ['--range with paths', ['--range', 'HEAD~1..HEAD', 'a.txt'], /paths/],
  ])('%s', (_what, args, mentions) => {
    for (const format of ['text', 'json', 'sarif']) {
      expectOneLineError(session.scan(repo, ['--format', format, ...args]), mentions);
    }
    // An option-looking value was never handed to git as an option.
    expect(fs.existsSync(path.join(repo.dir, 'x'))).toBe(false);
  });
});

describe('--range takes its policy from the base: a pull request cannot switch off its own scan', () => {
  type PolicyJson = {
    trustedCommit: string;
    changes: Array<{ kind: string; file: string; hides: number; blocking: boolean; line?: number }>;
  };

  /** main with `baseFiles`, and a feature branch off it with one commit of `prFiles`. */
  function pullRequest(baseFiles: Record<string, string>, prFiles: Record<string, string>) {
    const repo = session.repo();
    const base = commit(repo, { 'README.md': 'base\n', ...baseFiles }, 'base');
    repo.git('checkout', '-q', '-b', 'feature');
    const head = commit(repo, prFiles, 'pull request');
    return { repo, base, head };
  }

  function policyOf(repo: TempRepo, range: string) {
    const result = rangeFindings(repo, range);
    const policy = (result.report as unknown as { policy: PolicyJson }).policy;
    return { ...result, policy };
  }

  test('head adds {"ignorePaths":["**"]} and a token: the token is reported, and the change too', () => {
    const token = session.token();
    const { repo, base, head } = pullRequest(
      {},
      { '.seg-hookrc.json': '{"ignorePaths":["**"]}\n', 'app.js': `const key = "${token}";\n` },
    );
    const { status, findings, policy } = policyOf(repo, 'main..feature');
    expect(status).toBe(1);
    expect(findings.map((f) => [f.file, f.commit, f.blocking])).toEqual([['app.js', head, true]]);
    expect(findings[0]).toMatchObject({ hiddenBy: 'config' });
    expect(policy.trustedCommit).toBe(base);
    expect(policy.changes).toEqual([
      {
        kind: 'config',
        file: '.seg-hookrc.json',
        detail: 'ignorePaths: [] -> ["**"]',
        hides: 1,
        blocking: true,
      },
    ]);

    const text = session.scan(repo, ['--range', 'main..feature']);
    expect(text.status).toBe(1);
    expect(text.stderr).toContain("change seg-hook's own policy");
    expect(text.stderr).toContain('.seg-hookrc.json: ignorePaths: [] -> ["**"]');
    expect(text.stderr).toContain(base.slice(0, 12));

    const github = session.scan(repo, ['--range', 'main..feature', '--format', 'github']);
    expect(github.stdout).toMatch(
      /^::error file=\.seg-hookrc\.json,title=seg-hook%3A policy change::/m,
    );
    expect(github.stdout).toMatch(/^::error file=app\.js,/m);

    const sarif = session.scan(repo, ['--range', 'main..feature', '--format', 'sarif']);
    const results = JSON.parse(sarif.stdout).runs[0].results as Array<{
      ruleId: string;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
    }>;
    expect(
      results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]),
    ).toEqual([
      ['segment-public-api-token', 'error', 'app.js'],
      ['seg-hook-policy-change', 'error', '.seg-hookrc.json'],
    ]);
  });

  test('the work tree (the pull request checked out) is not where the policy comes from', () => {
    const token = session.token();
    const { repo } = pullRequest({}, { 'app.js': `const key = "${token}";\n` });
    repo.write('.seg-hookrc.json', '{"ignorePaths":["**"]}\n'); // uncommitted, as a CI step could
    expect(rangeFindings(repo, 'main..feature').findings.map((f) => f.file)).toEqual(['app.js']);
  });

  test('head adds a baseline entry for its own token: reported, with the baseline change', () => {
    const token = session.token();
    const { repo, head } = pullRequest({}, { 'app.js': `k=${token}\n` });
    expect(repo.segHook(['baseline']).status).toBe(0);
    const withBaseline = commit(
      repo,
      { '.seg-hook-baseline.json': repo.read('.seg-hook-baseline.json') },
      'baseline my token',
    );
    const { status, findings, policy } = policyOf(repo, 'main..feature');
    expect(status).toBe(1);
    expect(findings.map((f) => [f.file, f.commit])).toEqual([['app.js', head]]);
    expect(findings[0]).toMatchObject({ hiddenBy: 'baseline', blocking: true });
    expect(policy.changes).toEqual([
      expect.objectContaining({ kind: 'baseline', hides: 1, blocking: true }),
    ]);
    expect(withBaseline).not.toBe(head);
  });

  test('a seg-hook:allow marker added in the range is reported where it hides a token', () => {
    const token = session.token();
    const { repo, head } = pullRequest(
      {},
      { 'app.js': 'ok\n', 'fixture.js': `k="${token}"; // seg-hook:allow\n` },
    );
    const { status, findings, policy } = policyOf(repo, 'main..feature');
    expect(status).toBe(1);
    expect(findings.map((f) => [f.file, f.hiddenBy])).toEqual([['fixture.js', 'allow-marker']]);
    expect(policy.changes).toEqual([
      expect.objectContaining({ kind: 'allow-marker', file: 'fixture.js', line: 1, hides: 1 }),
    ]);
    expect(findings[0].commit).toBe(head);
  });

  test('"policyChanges": "warn" on the base: what the change hides is a warning, and still shown', () => {
    const token = session.token();
    const { repo } = pullRequest(
      { '.seg-hookrc.json': '{"policyChanges":"warn"}\n' },
      {
        '.seg-hookrc.json': '{"policyChanges":"warn","ignorePaths":["test/**"]}\n',
        'test/fixture.js': `k="${token}";\n`,
      },
    );
    const { status, findings, policy } = policyOf(repo, 'main..feature');
    expect(status).toBe(0);
    expect(findings.map((f) => [f.file, f.blocking, f.hiddenBy])).toEqual([
      ['test/fixture.js', false, 'config'],
    ]);
    expect(policy.changes).toEqual([
      expect.objectContaining({ kind: 'config', hides: 1, blocking: false }),
    ]);
  });

  test("the base's own ignorePaths apply; a change that hides nothing is reported and does not block", () => {
    const token = session.token();
    const { repo } = pullRequest(
      { '.seg-hookrc.json': '{"ignorePaths":["fixtures/**"]}\n' },
      {
        '.seg-hookrc.json': '{"ignorePaths":["fixtures/**"],"riskyFileWarnings":false}\n',
        'fixtures/sample.js': `k="${token}";\n`,
      },
    );
    const { status, findings, policy } = policyOf(repo, 'main..feature');
    expect(status).toBe(0);
    expect(findings).toEqual([]);
    expect(policy.changes).toEqual([
      expect.objectContaining({
        kind: 'config',
        detail: 'riskyFileWarnings: true -> false',
        hides: 0,
        blocking: false,
      }),
    ]);
  });

  test('a malformed configuration at the base: exit 2 naming the file at that commit', () => {
    const { repo, base } = pullRequest(
      { '.seg-hookrc.json': '{"ignorePaths": [\n' },
      { 'a.txt': 'a\n' },
    );
    expectOneLineError(
      session.scan(repo, ['--range', 'main..feature']),
      new RegExp(`\\.seg-hookrc\\.json at ${base.slice(0, 12)}: invalid JSON`),
    );
  });

  test('a malformed configuration at the head: reported as a change, the scan goes on', () => {
    const token = session.token();
    const { repo } = pullRequest(
      {},
      { '.seg-hookrc.json': '{"ignorePaths": [\n', 'app.js': `k="${token}"\n` },
    );
    const { status, findings, policy } = policyOf(repo, 'main..feature');
    expect(status).toBe(1);
    expect(findings.map((f) => f.file)).toEqual(['app.js']);
    expect(policy.changes).toEqual([
      expect.objectContaining({ kind: 'config', hides: 0, blocking: false }),
    ]);
  });
});
