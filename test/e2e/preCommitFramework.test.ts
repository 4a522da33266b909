/**
 * The pre-commit framework (https://pre-commit.com) for real: the `pre-commit` on PATH (Debian's
 * 3.0.4 in CI, installed by .ci/run) builds seg-hook from a git repository holding this checkout's
 * files (`repo:` a path, `rev:` its commit) the way it builds any `language: node` hook
 * (`npm install` in its clone, `npm pack`, `npm install -g` of the tarball), then guards the
 * commits of a Python repository that has no package.json. Each test stages what it commits
 * and resets what it leaves, so any one of them can run alone or in any order.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isolatedEnv, RunResult, TempRepo } from '../helpers/gitRepo';
import { IN_CI } from '../helpers/ci';
import { REPO_ROOT } from '../helpers/pack';
import { makeToken } from '../helpers/tokens';

jest.setTimeout(600_000);

const HOOK_NAME_LINE = /^seg-hook \(Segment Public API tokens\)\.+/m;

function preCommitVersion(): string | undefined {
  const result = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const version = preCommitVersion();

if (!version) {
  // CI installs pre-commit (.ci/run): there, a missing tool is a failure, never a skip.
  const missing = IN_CI ? test : test.skip;
  missing('pre-commit is on PATH (apt-get install pre-commit)', () => {
    throw new Error('pre-commit is not on PATH: the pre-commit framework test cannot run');
  });
}

/**
 * pre-commit uses the node on PATH only outside HOME (one inside it is taken for a version
 * manager's shim) and otherwise downloads a node, which this machine cannot: say so in one line.
 */
function nodeOutsideHome(): void {
  const node = spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim();
  const home = os.homedir();
  if (home !== path.dirname(home) && path.resolve(node).startsWith(home + path.sep)) {
    throw new Error(
      `node on PATH is inside HOME (${node}): pre-commit would download its own; put a node outside HOME first on PATH`,
    );
  }
}

const describeWithPreCommit = version ? describe : describe.skip;

describeWithPreCommit(`${version ?? 'pre-commit'} with seg-hook as a hook repository`, () => {
  const dirs: string[] = [];
  const tokens: string[] = [];
  let hookRepo: TempRepo;
  let user: TempRepo;
  let preCommitHome: string;
  /** What `pre-commit install-hooks` printed while it built seg-hook's environment. */
  let built: RunResult;

  /** A user's shell: no npm_* variables from `npm test`, pre-commit's cache in a temp dir. */
  function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const base = isolatedEnv({ PRE_COMMIT_HOME: preCommitHome, ...extra });
    for (const name of Object.keys(base)) if (/^npm_/i.test(name)) delete base[name];
    return base;
  }

  /**
   * `git commit` through pre-commit's hook, with the hook's output (git sends a hook's stdout to
   * stderr) in `output`; no output may ever hold a full token.
   */
  function commit(message: string, extra: NodeJS.ProcessEnv = {}): RunResult & { output: string } {
    const result = user.tryGit(['commit', '-m', message], { env: env(extra) });
    const output = `${result.stdout}${result.stderr}`;
    for (const token of tokens) expect(output).not.toContain(token);
    return { ...result, output };
  }

  function commits(): number {
    return Number(user.git('rev-list', '--count', 'HEAD').trim());
  }

  beforeAll(() => {
    nodeOutsideHome();
    preCommitHome = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-pc-home-')));
    dirs.push(preCommitHome);

    // The hook repository: this checkout's tracked and new files (not dist/, not node_modules),
    // committed, as a clone of the repository at that commit would hold them.
    hookRepo = new TempRepo('seg-hook-pc-hookrepo-');
    const listed = spawnSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      const from = path.join(REPO_ROOT, file);
      if (fs.existsSync(from)) fs.cpSync(from, path.join(hookRepo.dir, file));
    }
    hookRepo.git('add', '-A');
    hookRepo.commit('seg-hook at test time');
    const rev = hookRepo.git('rev-parse', 'HEAD').trim();

    user = new TempRepo('seg-hook-pc-user-');
    user.stage({
      'app.py': 'import os\n\nSEGMENT_TOKEN = os.environ["SEGMENT_TOKEN"]\n',
      'requirements.txt': 'requests==2.32.3\n',
      '.pre-commit-config.yaml': [
        'repos:',
        `  - repo: ${hookRepo.dir}`,
        `    rev: ${rev}`,
        '    hooks:',
        '      - id: seg-hook',
        '',
      ].join('\n'),
    });
    const install = user.run('pre-commit', ['install'], { env: env() });
    if (install.status !== 0) throw new Error(`pre-commit install: ${install.stderr}`);
    // The environment is built here, once, so that no test depends on running first.
    built = user.run('pre-commit', ['install-hooks'], { env: env() });
    if (built.status !== 0) throw new Error(`pre-commit install-hooks: ${built.stderr}`);
    user.commit('the configuration');
  });

  /** Whatever a test staged or left in the work tree is gone before the next one. */
  afterEach(() => {
    user.git('reset', '-q', '--hard');
    user.git('clean', '-q', '-fd');
  });

  afterAll(() => {
    hookRepo?.cleanup();
    user?.cleanup();
    dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  });

  test('the manifest is accepted, seg-hook is built from git, and a clean commit passes', () => {
    expect(fs.existsSync(path.join(user.dir, 'package.json'))).toBe(false);
    expect(`${built.stdout}${built.stderr}`).toMatch(/Installing environment for /);
    const before = commits();
    user.stage({ 'lib/clean.py': 'VALUE = 1\n' });
    const result = commit('a Python project');
    expect(result.output).toMatch(new RegExp(`${HOOK_NAME_LINE.source}Passed`, 'm'));
    // No deprecated-stage or other warning from any pre-commit version.
    expect(`${built.stdout}${built.stderr}${result.output}`).not.toMatch(/\[WARNING\]/);
    expect(result.status).toBe(0);
    expect(commits()).toBe(before + 1);
    // pre-commit used the node on PATH (nodeenv's `system`): nothing was downloaded but npm packages.
    const environments = fs
      .readdirSync(preCommitHome)
      .filter((name) => name.startsWith('repo'))
      .flatMap((name) => fs.readdirSync(path.join(preCommitHome, name)));
    expect(environments).toContain('node_env-system');
  });

  test('a commit adding a token is blocked, the token shown redacted only', () => {
    const token = makeToken();
    tokens.push(token);
    const before = commits();
    user.stage({ 'settings/prod.py': `SEGMENT_TOKEN = "${token}"\n` });
    const result = commit('leak');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(new RegExp(`${HOOK_NAME_LINE.source}Failed`, 'm'));
    expect(result.output).toMatch(/- hook id: seg-hook/);
    expect(result.output).toMatch(
      /seg-hook: 1 token found in the staged changes\. Commit blocked\./,
    );
    expect(result.output).toMatch(/settings\/prod\.py:1:\d+ +sgp_\w{2}…\w{2}/);
    expect(commits()).toBe(before);
  });

  test("SKIP=seg-hook (pre-commit's own bypass) skips the hook", () => {
    const token = makeToken();
    tokens.push(token);
    const before = commits();
    user.stage({ 'settings/skipped.py': `SEGMENT_TOKEN = "${token}"\n` });
    const result = commit('skipped on purpose', { SKIP: 'seg-hook' });
    expect(result.output).toMatch(new RegExp(`${HOOK_NAME_LINE.source}Skipped`, 'm'));
    expect(result.status).toBe(0);
    expect(commits()).toBe(before + 1);
  });

  describe('the commands docs/pre-commit-framework.md gives for a clone, run as written', () => {
    let steps: ReturnType<typeof documentedSteps>;
    let clone: string;

    /** A documented shell line, with the clone's URL and path made this machine's. */
    function sh(line: string, cwd: string): RunResult {
      const command = line
        .replace(PUBLISHED_URL, hookRepo.dir)
        .replaceAll(CLONE_PLACEHOLDER, clone);
      const result = spawnSync('sh', ['-c', command], { cwd, env: env(), encoding: 'utf8' });
      const run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
      for (const token of tokens) expect(`${run.stdout}${run.stderr}`).not.toContain(token);
      return run;
    }

    function userRepo(): TempRepo {
      const repo = new TempRepo('seg-hook-pc-doc-user-');
      dirs.push(repo.dir);
      repo.stage({ 'app.py': 'import os\n' });
      repo.commit('first');
      return repo;
    }

    beforeAll(() => {
      steps = documentedSteps();
      const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-pc-clone-')));
      dirs.push(parent);
      clone = path.join(parent, 'seg-hook');
      const cloned = sh(steps.clone, parent);
      if (cloned.status !== 0) throw new Error(`${steps.clone}: ${cloned.stderr}`);
    });

    test('pre-commit try-repo <path to a clone> seg-hook: blocks a staged token, passes clean', () => {
      const repo = userRepo();
      const token = makeToken();
      tokens.push(token);
      repo.stage({ 'settings.py': `SEGMENT_TOKEN = "${token}"\n` });
      const blocked = sh(steps.tryRepo, repo.dir);
      expect(blocked.status).toBe(1);
      const output = `${blocked.stdout}${blocked.stderr}`;
      expect(output).toMatch(new RegExp(`${HOOK_NAME_LINE.source}Failed`, 'm'));
      expect(output).toContain('seg-hook: 1 token found in the staged changes.\n');
      expect(output).toContain('Python (settings.py): os.environ["SEGMENT_API_TOKEN"]');
      repo.stage({ 'settings.py': 'SEGMENT_TOKEN = os.environ["SEGMENT_TOKEN"]\n' });
      const clean = sh(steps.tryRepo, repo.dir);
      expect(`${clean.stdout}${clean.stderr}`).toMatch(
        new RegExp(`${HOOK_NAME_LINE.source}Passed`, 'm'),
      );
      expect(clean.status).toBe(0);
    });

    test('repo: local with the clone built by npm install: blocks a token commit, SKIP works', () => {
      const built = sh(steps.build, os.tmpdir());
      expect(built.status).toBe(0);
      const repo = userRepo();
      repo.write('.pre-commit-config.yaml', steps.localConfig.replaceAll(CLONE_PLACEHOLDER, clone));
      expect(repo.run('pre-commit', ['install'], { env: env() }).status).toBe(0);
      const token = makeToken();
      tokens.push(token);
      repo.stage({ 'deploy.sh': `export SEGMENT_TOKEN=${token}\n` });
      const blocked = repo.tryGit(['commit', '-m', 'leak'], { env: env() });
      const output = `${blocked.stdout}${blocked.stderr}`;
      expect(output).not.toContain(token);
      expect(blocked.status).not.toBe(0);
      expect(output).toMatch(/seg-hook: 1 token found in the staged changes\. Commit blocked\./);
      const skipped = repo.tryGit(['commit', '-m', 'skip'], { env: env({ SKIP: 'seg-hook' }) });
      expect(`${skipped.stdout}${skipped.stderr}`).toMatch(
        new RegExp(`${HOOK_NAME_LINE.source}Skipped`, 'm'),
      );
      expect(skipped.status).toBe(0);
    });
  });
});

const PUBLISHED_URL = 'https://github.com/<owner>/seg-hook';
const CLONE_PLACEHOLDER = '/path/to/seg-hook';

/**
 * The fenced blocks of the doc's "Try it from a clone" section, in order: the git clone, the
 * try-repo command, the build of the clone, and the `repo: local` configuration.
 */
function documentedSteps(): { clone: string; tryRepo: string; build: string; localConfig: string } {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'pre-commit-framework.md'), 'utf8');
  const start = doc.indexOf('## Try it from a clone');
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end);
  const blocks = [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, body]) => ({
    lang,
    body: body!,
  }));
  const shell = blocks.filter((block) => block.lang === 'sh').map((block) => block.body.trim());
  const yaml = blocks.filter((block) => block.lang === 'yaml').map((block) => block.body);
  expect(shell).toHaveLength(3);
  expect(yaml).toHaveLength(1);
  expect(shell[1]).toBe(`pre-commit try-repo ${CLONE_PLACEHOLDER} seg-hook`);
  return { clone: shell[0]!, tryRepo: shell[1]!, build: shell[2]!, localConfig: yaml[0]! };
}
