/**
 * The pre-push hook against a real local bare remote: `git push` runs `seg-hook pre-push`
 * (a hook script written here; the installer is tested elsewhere), which reads git's standard
 * input and scans only the commits the remote does not have yet.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import {
  CLI,
  isolatedEnv,
  JsonFinding,
  JsonReport,
  linesOf,
  RunResult,
  ScanSession,
  writeScript,
} from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

const ZERO = '0'.repeat(40);
type CommitFinding = JsonFinding & { commit: string };

interface Pusher {
  repo: TempRepo;
  remote: string;
}

/** A bare remote and a clone-like repo whose pre-push hook runs the built CLI. */
function setup(): Pusher {
  const remote = path.join(session.tempDir('seg-hook-remote-'), 'remote.git');
  const repo = session.repo();
  repo.git('init', '-q', '--bare', '-b', 'main', remote);
  repo.git('remote', 'add', 'origin', remote);
  installHook(repo);
  commit(repo, { 'README.md': 'base\n' }, 'base');
  expect(push(repo, ['origin', 'main']).status).toBe(0);
  return { repo, remote };
}

function installHook(repo: TempRepo): void {
  writeScript(
    path.join(repo.dir, '.git', 'hooks', 'pre-push'),
    `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} pre-push "$@"`,
  );
}

function commit(repo: TempRepo, files: Record<string, string>, message: string): string {
  repo.stage(files);
  repo.commit(message); // --no-verify: as a user who skipped the pre-commit hook
  return head(repo);
}

const head = (repo: TempRepo, rev = 'HEAD') => repo.git('rev-parse', rev).trim();

function push(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  return session.run(repo, 'git', ['push', '-q', ...args], { env: isolatedEnv(env) });
}

/** The remote's id for `ref`, or null if it has no such ref. */
function remoteRef(remote: string, ref: string): string | null {
  const result = spawnSync('git', ['--git-dir', remote, 'rev-parse', '--verify', '--quiet', ref], {
    env: isolatedEnv(),
    encoding: 'utf8',
  });
  return result.status === 0 ? result.stdout.trim() : null;
}

function expectRejected(result: RunResult, mentions: string[]): void {
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('found in the commits being pushed. Push blocked.');
  expect(result.stderr).toContain('git push --no-verify');
  for (const text of mentions) expect(result.stderr).toContain(text);
  expect(result.stderr).toMatch(/failed to push/);
}

/** Runs `seg-hook pre-push` directly with the given standard input (as git would write it). */
function prePush(repo: TempRepo, stdin: string, args: string[] = []): RunResult {
  const result = spawnSync(process.execPath, [CLI, 'pre-push', 'origin', 'url', ...args], {
    cwd: repo.dir,
    env: isolatedEnv(),
    input: stdin,
    encoding: 'utf8',
  });
  const run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  session.assertNoLeak(run);
  return run;
}

function prePushJson(repo: TempRepo, stdin: string) {
  const result = prePush(repo, stdin, ['--format', 'json']);
  expect(result.status).not.toBe(2);
  const report = JSON.parse(result.stdout) as JsonReport;
  return { ...result, report, findings: report.findings as CommitFinding[] };
}

describe('pre-push hook: a real push to a local bare remote', () => {
  test('a token committed with --no-verify is caught and the push rejected', () => {
    const { repo, remote } = setup();
    const before = remoteRef(remote, 'main');
    const leak = commit(repo, { 'src/app.js': `x\nconst k = "${session.token()}";\n` }, 'leak');
    commit(repo, { 'src/app.js': 'x\nconst k = process.env.K;\n' }, 'fix it later');
    const result = push(repo, ['origin', 'main']);
    // Reported at the commit that added it, although the branch tip no longer has it.
    expectRejected(result, [leak.slice(0, 12), 'src/app.js:2:12']);
    expect(remoteRef(remote, 'main')).toBe(before);
  });

  test('a push of clean commits succeeds, and only new commits are scanned', () => {
    const { repo, remote } = setup();
    // A token already on the remote (pushed past the hook) is not the new push's business.
    commit(repo, { 'old.txt': `k=${session.token()}\n` }, 'old leak');
    expect(push(repo, ['--no-verify', 'origin', 'main']).status).toBe(0);
    const clean = commit(repo, { 'a.txt': 'clean\n' }, 'clean');
    commit(repo, { 'b.txt': 'clean too\n' }, 'clean too');
    const result = push(repo, ['origin', 'main']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(remoteRef(remote, 'main')).toBe(head(repo));
    expect(remoteRef(remote, 'main')).not.toBe(clean);
  });

  test('deleting a remote branch works, even one that holds a token', () => {
    const { repo, remote } = setup();
    repo.git('checkout', '-q', '-b', 'feature');
    commit(repo, { 'f.txt': `k=${session.token()}\n` }, 'leak');
    expect(push(repo, ['--no-verify', 'origin', 'feature']).status).toBe(0);
    repo.git('checkout', '-q', 'main');
    // An unpushed leak elsewhere in the repository does not block a deletion either.
    commit(repo, { 'm.txt': `k=${session.token()}\n` }, 'local leak');
    const result = push(repo, ['origin', '--delete', 'feature']);
    expect(result.status).toBe(0);
    expect(remoteRef(remote, 'refs/heads/feature')).toBeNull();
  });

  test('a force push that rewrites a pushed commit to add a token is blocked', () => {
    const { repo, remote } = setup();
    commit(repo, { 'a.txt': 'clean\n' }, 'clean');
    expect(push(repo, ['origin', 'main']).status).toBe(0);
    const pushed = head(repo);
    repo.stage({ 'a.txt': `clean\nk=${session.token()}\n` });
    repo.git('commit', '-q', '--amend', '--no-verify', '--no-edit');
    const rewritten = head(repo);
    expectRejected(push(repo, ['--force', 'origin', 'main']), [
      rewritten.slice(0, 12),
      'a.txt:2:3',
    ]);
    expect(remoteRef(remote, 'main')).toBe(pushed);

    repo.stage({ 'a.txt': 'clean\nk=process.env.K\n' });
    repo.git('commit', '-q', '--amend', '--no-verify', '--no-edit');
    expect(push(repo, ['--force', 'origin', 'main']).status).toBe(0);
    expect(remoteRef(remote, 'main')).toBe(head(repo));
  });

  test('a force push over a remote commit we never fetched still scans the new commits', () => {
    const { repo, remote } = setup();
    // An older token already on the remote must not be reported again.
    commit(repo, { 'old.txt': `k=${session.token()}\n` }, 'old leak');
    expect(push(repo, ['--no-verify', 'origin', 'main']).status).toBe(0);

    // Someone else pushes a commit this clone never sees.
    const other = session.repo();
    other.git('fetch', '-q', remote, 'main');
    other.git('reset', '-q', '--hard', 'FETCH_HEAD');
    const theirs = commit(other, { 'theirs.txt': 'theirs\n' }, 'theirs');
    other.git('push', '-q', remote, 'HEAD:main');
    expect(repo.tryGit(['cat-file', '-e', `${theirs}^{commit}`]).status).not.toBe(0);

    const leak = commit(repo, { 'mine.txt': `k=${session.token()}\n` }, 'mine');
    const blocked = push(repo, ['--force', 'origin', 'main']);
    expectRejected(blocked, [leak.slice(0, 12), 'mine.txt:1:3']);
    expect(blocked.stderr).not.toContain('old.txt');
    expect(blocked.stderr).toContain('1 token found');
    expect(remoteRef(remote, 'main')).toBe(theirs);

    repo.git('reset', '-q', '--hard', 'HEAD~1');
    commit(repo, { 'mine.txt': 'clean\n' }, 'mine, clean');
    expect(push(repo, ['--force', 'origin', 'main']).status).toBe(0);
    expect(remoteRef(remote, 'main')).toBe(head(repo));
  });

  test('a new branch holding only commits already on another remote branch passes', () => {
    const { repo, remote } = setup();
    repo.git('checkout', '-q', '-b', 'feature');
    commit(repo, { 'f.txt': `k=${session.token()}\n` }, 'leak already shared');
    expect(push(repo, ['--no-verify', 'origin', 'feature']).status).toBe(0);
    repo.git('checkout', '-q', '-b', 'copy');
    const result = push(repo, ['origin', 'copy']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(remoteRef(remote, 'refs/heads/copy')).toBe(head(repo));
  });

  test('a new branch: its own new commits are scanned', () => {
    const { repo, remote } = setup();
    repo.git('checkout', '-q', '-b', 'feature');
    const leak = commit(repo, { 'f.txt': `k=${session.token()}\n` }, 'leak');
    commit(repo, { 'g.txt': 'clean\n' }, 'clean');
    expectRejected(push(repo, ['origin', 'feature']), [leak.slice(0, 12), 'f.txt:1:3']);
    expect(remoteRef(remote, 'refs/heads/feature')).toBeNull();
  });

  test('pushing tags: a tag on an unpushed leak is blocked, a tag on pushed commits passes', () => {
    const { repo, remote } = setup();
    repo.git('tag', 'v1');
    repo.git('tag', '-a', '-m', 'annotated', 'v1a');
    expect(push(repo, ['origin', 'v1', 'v1a']).status).toBe(0);
    expect(remoteRef(remote, 'refs/tags/v1a^{commit}')).toBe(head(repo));

    repo.git('checkout', '-q', '--detach');
    const leak = commit(repo, { 't.txt': `k=${session.token()}\n` }, 'tagged leak');
    repo.git('tag', 'v2');
    repo.git('tag', '-a', '-m', 'annotated', 'v2a');
    repo.git('checkout', '-q', 'main');
    expectRejected(push(repo, ['origin', 'v2']), [leak.slice(0, 12), 't.txt:1:3']);
    expectRejected(push(repo, ['origin', 'v2a']), [leak.slice(0, 12)]);
    expectRejected(push(repo, ['origin', '--tags']), [leak.slice(0, 12)]);
    expect(remoteRef(remote, 'refs/tags/v2')).toBeNull();
    expect(remoteRef(remote, 'refs/tags/v2a')).toBeNull();
  });

  test('one bad ref rejects the whole push', () => {
    const { repo, remote } = setup();
    repo.git('branch', 'clean-branch');
    repo.git('checkout', '-q', 'clean-branch');
    commit(repo, { 'c.txt': 'clean\n' }, 'clean');
    repo.git('checkout', '-q', 'main');
    commit(repo, { 'm.txt': `k=${session.token()}\n` }, 'leak');
    expectRejected(push(repo, ['origin', 'main', 'clean-branch']), ['m.txt:1:3']);
    expect(remoteRef(remote, 'refs/heads/clean-branch')).toBeNull();
  });

  test('the first push to an empty remote scans the whole history', () => {
    const remote = path.join(session.tempDir('seg-hook-remote-'), 'empty.git');
    const repo = session.repo();
    repo.git('init', '-q', '--bare', '-b', 'main', remote);
    repo.git('remote', 'add', 'origin', remote);
    installHook(repo);
    const leak = commit(repo, { 'deep.txt': `k=${session.token()}\n` }, 'deep leak');
    repo.git('rm', '-q', 'deep.txt');
    repo.commit('removed');
    commit(repo, { 'a.txt': 'clean\n' }, 'clean');
    expectRejected(push(repo, ['origin', 'main']), [leak.slice(0, 12), 'deep.txt:1:3']);
    expect(remoteRef(remote, 'main')).toBeNull();
  });

  test("a token the remote's baseline accepts does not block; the hook says how many it suppressed", () => {
    const { repo, remote } = setup();
    const token = session.token();
    commit(repo, { 'fixture.txt': `k=${token}\n` }, 'accepted fixture');
    expect(push(repo, ['--no-verify', 'origin', 'main']).status).toBe(0);
    expect(session.scan(repo, ['baseline']).status).toBe(0);
    commit(repo, { '.seg-hook-baseline.json': repo.read('.seg-hook-baseline.json') }, 'baseline');
    // The baseline reaches the remote on its own: it hides nothing in this push.
    expect(push(repo, ['origin', 'main']).status).toBe(0);
    commit(repo, { 'fixture.txt': `k2=${token}\n` }, 'fixture edited');
    const result = push(repo, ['origin', 'main']);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('1 baselined finding not reported');
    expect(remoteRef(remote, 'main')).toBe(head(repo));
  });

  test('a baseline pushed together with the token it accepts: blocked, and the change is named', () => {
    const { repo, remote } = setup();
    const before = remoteRef(remote, 'main');
    commit(repo, { 'fixture.txt': `k=${session.token()}\n` }, 'fixture');
    expect(session.scan(repo, ['baseline']).status).toBe(0);
    commit(repo, { '.seg-hook-baseline.json': repo.read('.seg-hook-baseline.json') }, 'baseline');
    const result = push(repo, ['origin', 'main']);
    expectRejected(result, ['fixture.txt:1:3', "the range's baseline change would hide it"]);
    expect(result.stderr).toContain('baseline: adds 1 entry, removes 0');
    expect(remoteRef(remote, 'main')).toBe(before);
  });

  test('a push that adds {"ignorePaths":["**"]} with a token is scanned with the remote\'s policy', () => {
    const { repo, remote } = setup();
    const before = remoteRef(remote, 'main');
    commit(
      repo,
      { '.seg-hookrc.json': '{"ignorePaths":["**"]}\n', 'app.js': `k="${session.token()}"\n` },
      'switch it off',
    );
    const result = push(repo, ['origin', 'main']);
    expectRejected(result, ['app.js:1:4', 'ignorePaths: [] -> ["**"]']);
    expect(remoteRef(remote, 'main')).toBe(before);
  });

  test('SEG_HOOK_SKIP=1 bypasses the hook with a warning', () => {
    const { repo, remote } = setup();
    commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'leak');
    const result = push(repo, ['origin', 'main'], { SEG_HOOK_SKIP: '1' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/scan skipped because SEG_HOOK_SKIP is set/);
    expect(remoteRef(remote, 'main')).toBe(head(repo));
  });
});

describe('pre-push and other remotes: what this remote does not have is scanned', () => {
  /** A repo with two bare remotes, "private" and "public", both at a clean first commit. */
  function twoRemotes() {
    const repo = session.repo();
    const remotes: Record<string, string> = {};
    for (const name of ['private', 'public']) {
      remotes[name] = path.join(session.tempDir(`seg-hook-${name}-`), `${name}.git`);
      repo.git('init', '-q', '--bare', '-b', 'main', remotes[name]);
      repo.git('remote', 'add', name, remotes[name]);
    }
    installHook(repo);
    commit(repo, { 'README.md': 'base\n' }, 'base');
    for (const name of ['private', 'public']) expect(push(repo, [name, 'main']).status).toBe(0);
    return { repo, remotes };
  }

  test('a commit pushed to a private remote with --no-verify is blocked on its way to a public one', () => {
    const { repo, remotes } = twoRemotes();
    const publicBefore = remoteRef(remotes.public, 'main');
    const leak = commit(repo, { 'secret.js': `k="${session.token()}"\n` }, 'leak');
    expect(push(repo, ['--no-verify', 'private', 'main']).status).toBe(0);
    expect(repo.git('rev-parse', 'refs/remotes/private/main').trim()).toBe(leak);

    const result = push(repo, ['public', 'main']);
    expectRejected(result, [leak.slice(0, 12), 'secret.js:1:4']);
    expect(remoteRef(remotes.public, 'main')).toBe(publicBefore);
    // The private remote already has it: pushing there again scans nothing new.
    expect(push(repo, ['private', 'main']).status).toBe(0);
  });

  test('a new branch to the public remote: commits only the private remote has are scanned', () => {
    const { repo, remotes } = twoRemotes();
    repo.git('checkout', '-q', '-b', 'feature');
    const leak = commit(repo, { 'f.js': `k="${session.token()}"\n` }, 'leak');
    expect(push(repo, ['--no-verify', 'private', 'feature']).status).toBe(0);
    expectRejected(push(repo, ['public', 'feature']), [leak.slice(0, 12)]);
    expect(remoteRef(remotes.public, 'refs/heads/feature')).toBeNull();
  });

  test('a push to a URL (no tracking refs to trust): everything reachable is scanned', () => {
    const { repo, remotes } = twoRemotes();
    const leak = commit(repo, { 'old.js': `k="${session.token()}"\n` }, 'leak');
    expect(push(repo, ['--no-verify', 'private', 'main']).status).toBe(0);
    expect(push(repo, ['--no-verify', 'public', 'main']).status).toBe(0);
    commit(repo, { 'clean.txt': 'clean\n' }, 'clean');
    // By URL, git passes the URL as the remote's name: no remote's tracking refs apply, and
    // the old commit git names is the one thing known to be there.
    const other = path.join(session.tempDir('seg-hook-url-'), 'url.git');
    repo.git('init', '-q', '--bare', '-b', 'main', other);
    expectRejected(push(repo, [other, 'main']), [leak.slice(0, 12), 'old.js:1:4']);
    expect(push(repo, [remotes.public, 'main']).status).toBe(0); // its old commit is known
  });
});

describe('seg-hook pre-push: reading the standard input git writes', () => {
  test('reports full commit ids of exactly the commits the remote lacks', () => {
    const { repo } = setup();
    const remoteSha = head(repo);
    const first = commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'one');
    const second = commit(repo, { 'b b.txt': `k=${session.token()}\n` }, 'two');
    const line = `refs/heads/main ${second} refs/heads/main ${remoteSha}\n`;
    const { status, findings, report } = prePushJson(repo, line);
    expect(status).toBe(1);
    // Oldest first, as a story.
    expect(findings.map((f) => [f.commit, f.file, f.line])).toEqual([
      [first, 'a.txt', 1],
      [second, 'b b.txt', 1],
    ]);
    expect(report.summary.commitsScanned).toBe(2);
  });

  test('nothing pushed, or only deletions: exit 0 without scanning', () => {
    const { repo } = setup();
    commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'local leak');
    expect(prePush(repo, '')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const deletion = `(delete) ${ZERO} refs/heads/old ${head(repo, 'HEAD~1')}\n`;
    expect(prePushJson(repo, deletion)).toMatchObject({ status: 0, findings: [] });
  });

  test('a remote commit we do not have is not an error', () => {
    const { repo } = setup();
    const leak = commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'leak');
    const unknown = 'f'.repeat(40);
    const { findings } = prePushJson(repo, `refs/heads/main ${leak} refs/heads/main ${unknown}\n`);
    expect(findings.map((f) => f.commit)).toEqual([leak]);
  });

  test.each([
    ['garbage', 'hello world\n'],
    ['a short id', `refs/heads/main abc123 refs/heads/main ${ZERO}\n`],
    ['an option in place of an id', `refs/heads/main --all refs/heads/main ${ZERO}\n`],
  ])('malformed input (%s): exit 2, one line, nothing scanned', (_what, stdin) => {
    const { repo } = setup();
    const result = prePush(repo, stdin);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/pre-push input/);
  });

  test('a pushed id that is not in the repository: exit 2 (fail closed)', () => {
    const { repo } = setup();
    const result = prePush(repo, `refs/heads/main ${'e'.repeat(40)} refs/heads/main ${ZERO}\n`);
    expect(result.status).toBe(2);
    expect(linesOf(result.stderr)).toHaveLength(1);
  });

  test('--format sarif from the hook is valid JSON with the commit', () => {
    const { repo } = setup();
    const leak = commit(repo, { 'a.txt': `k=${session.token()}\n` }, 'leak');
    const result = prePush(repo, `refs/heads/main ${leak} refs/heads/main ${ZERO}\n`, [
      '--format',
      'sarif',
    ]);
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout) as {
      runs: { results: { properties: { commit: string } }[] }[];
    };
    expect(log.runs[0].results.map((r) => r.properties.commit)).toEqual([leak]);
  });
});
