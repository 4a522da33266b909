/**
 * Messages that fit where seg-hook runs (issue 20, items 3 to 6), through the built CLI in real
 * repositories: the fix names the file's own way of reading the environment, commands are
 * printed as the seg-hook that is running, --history suggests what records its findings, only a
 * run from a hook speaks of a blocked commit, and a bad nested key lists its own object's keys.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { CLI, isolatedEnv, linesOf, RunResult, ScanSession, writeScript } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

/** Runs `script` (a path to seg-hook, as a shell would) with node, in `cwd`. */
function runAs(script: string, cwd: string, args: string[], env = isolatedEnv()): RunResult {
  const result = spawnSync(process.execPath, [script, ...args], { cwd, env, encoding: 'utf8' });
  const run = { status: result.status, stdout: result.stdout, stderr: result.stderr };
  session.assertNoLeak(run);
  return run;
}

function repoWith(files: Record<string, string>): TempRepo {
  const repo = session.repo();
  repo.stage({ 'README.md': 'hi\n' });
  repo.commit('first');
  repo.stage(files);
  return repo;
}

/** A plain pre-commit hook that runs the built CLI, as the installed hooks do. */
function addHook(repo: TempRepo): void {
  writeScript(
    path.join(repo.dir, '.git', 'hooks', 'pre-commit'),
    `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} --staged`,
  );
}

describe('the fix fits the file that holds the token (item 3)', () => {
  test.each([
    ['settings.py', 'TOKEN = "%s"\n', 'os.environ["SEGMENT_API_TOKEN"]'],
    ['deploy.sh', 'export TOKEN=%s\n', '"$SEGMENT_API_TOKEN"'],
    [
      '.github/workflows/ci.yml',
      'token: %s\n',
      'a reference your tool resolves, e.g. ${{ secrets.SEGMENT_API_TOKEN }}',
    ],
    ['config.json', '{"token": "%s"}\n', 'JSON cannot read the environment'],
    ['main.go', 'const token = "%s"\n', 'os.Getenv("SEGMENT_API_TOKEN")'],
    ['App.java', 'String token = "%s";\n', 'System.getenv("SEGMENT_API_TOKEN")'],
    ['app.rb', 'TOKEN = "%s"\n', 'ENV.fetch("SEGMENT_API_TOKEN")'],
    ['index.ts', 'const token = "%s";\n', 'process.env.SEGMENT_API_TOKEN'],
  ])('%s: %s', (file, template, advice) => {
    const repo = repoWith({ [file]: template.replace('%s', session.token()) });
    const result = session.scan(repo, ['--staged']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`(${file}): ${advice}`);
    if (!file.endsWith('.ts')) expect(result.stderr).not.toContain('process.env');
  });

  test('a file of no known kind gets the general advice, no language', () => {
    const repo = repoWith({ 'notes.txt': `${session.token()}\n` });
    const result = session.scan(repo, ['--staged']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('a SEGMENT_API_TOKEN variable the program reads');
    expect(result.stderr).not.toContain('process.env');
  });

  test('a .env file still gets .gitignore advice, the Python file beside it its own', () => {
    const repo = repoWith({
      '.env': `SEGMENT_API_TOKEN=${session.token()}\n`,
      'app.py': `TOKEN = "${session.token()}"\n`,
    });
    const result = session.scan(repo, ['--staged']);
    expect(result.stderr).toContain('Python (app.py): os.environ["SEGMENT_API_TOKEN"]');
    expect(result.stderr).toContain('git rm --cached -- .env');
  });
});

describe('commands are printed as the seg-hook that runs (item 3)', () => {
  test("a project's own binary (node_modules/.bin/seg-hook): npx seg-hook", () => {
    const repo = repoWith({ 'a.py': `T = "${session.token()}"\n` });
    const bin = path.join(repo.dir, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(CLI, path.join(bin, 'seg-hook'));
    const result = runAs(path.join(bin, 'seg-hook'), repo.dir, ['--staged']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Full runbook: npx seg-hook explain');
  });

  test('a seg-hook found on PATH (a global install): seg-hook, and install/uninstall say so', () => {
    const repo = repoWith({ 'a.py': `T = "${session.token()}"\n` });
    const bin = session.tempDir('seg-hook-global-bin-');
    fs.symlinkSync(CLI, path.join(bin, 'seg-hook'));
    const env = isolatedEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    const scan = runAs(path.join(bin, 'seg-hook'), repo.dir, ['--staged'], env);
    expect(scan.stderr).toContain('Full runbook: seg-hook explain');
    expect(scan.stderr).not.toContain('npx');
    const installed = runAs(path.join(bin, 'seg-hook'), repo.dir, ['install'], env);
    expect(installed.status).toBe(0);
    expect(installed.stdout).toContain('Undo with: seg-hook uninstall\n');
    const removed = runAs(path.join(bin, 'seg-hook'), repo.dir, ['uninstall'], env);
    expect(removed.stdout).toContain('Undo with: seg-hook install\n');
    expect(removed.stdout).not.toContain('npx');
  });

  test('the GitHub annotations and the SARIF help name the same command', () => {
    const repo = repoWith({ 'a.py': `T = "${session.token()}"\n` });
    const bin = session.tempDir('seg-hook-global-bin-');
    fs.symlinkSync(CLI, path.join(bin, 'seg-hook'));
    const env = isolatedEnv({ PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    const github = runAs(path.join(bin, 'seg-hook'), repo.dir, ['--staged', '-f', 'github'], env);
    expect(github.stdout).toContain('(seg-hook explain)');
    const sarif = runAs(CLI, repo.dir, ['--staged', '-f', 'sarif']);
    const rules = JSON.parse(sarif.stdout).runs[0].tool.driver.rules as Array<{
      id: string;
      help: { text: string };
    }>;
    const tokenRules = rules.filter((rule) => rule.id !== 'seg-hook-policy-change');
    expect(tokenRules.map((rule) => rule.id)).toContain('segment-public-api-token');
    for (const rule of tokenRules) expect(rule.help.text).toContain(`Run \`${CLI} explain\``);
    expect(sarif.stdout).not.toContain('npx');
  });

  test('anywhere else (the pre-commit framework, a checkout): the path of the binary', () => {
    const repo = repoWith({ 'a.py': `T = "${session.token()}"\n` });
    const result = runAs(CLI, repo.dir, ['--staged']);
    expect(result.stderr).toContain(`Full runbook: ${CLI} explain`);
    expect(result.stderr).not.toContain('npx');
  });
});

describe('--history suggests the command that records what it reported (item 4)', () => {
  test('the suggested `baseline --history` records the token that only history holds', () => {
    const repo = session.repo();
    repo.stage({ 'old.py': `T = "${session.token()}"\n` });
    repo.commit('token');
    repo.remove('old.py');
    repo.git('add', '-A');
    repo.commit('removed');
    const history = session.scan(repo, ['--history']);
    expect(history.status).toBe(1);
    const suggested = /recorded with (.+ baseline --history)\./.exec(history.stderr);
    expect(suggested?.[1]).toBe(`${CLI} baseline --history`);
    const recorded = session.scan(repo, ['baseline', '--history']);
    expect(recorded.status).toBe(0);
    expect(recorded.stderr).toContain('with 1 entry');
    expect(session.scan(repo, ['--history']).status).toBe(0);
    // Plain `baseline` (what was suggested before) records nothing of it.
    session.scan(repo, ['baseline']);
    expect(session.scan(repo, ['--history']).status).toBe(1);
  });
});

describe('only a run from a hook speaks of a blocked commit (item 5)', () => {
  test('by hand outside a repository: one line, no commit, no SEG_HOOK_SKIP', () => {
    const result = runAs(CLI, session.tempDir(), ['--staged']);
    expect(result.status).toBe(2);
    expect(linesOf(result.stderr)).toEqual(['seg-hook: cannot scan: not inside a git repository.']);
  });

  test('a bad configuration: by hand, no commit; from the hook, the commit is blocked', () => {
    const repo = repoWith({ '.seg-hookrc.json': '{"ignorePaths": 3}\n', 'a.txt': 'x\n' });
    const byHand = session.scan(repo, ['--staged']);
    expect(byHand.status).toBe(2);
    expect(linesOf(byHand.stderr)).toHaveLength(1);
    expect(byHand.stderr).not.toMatch(/commit|SEG_HOOK_SKIP/);
    addHook(repo);
    const committed = session.run(repo, 'git', ['commit', '-m', 'x']);
    expect(committed.status).not.toBe(0);
    expect(committed.stderr).toContain(
      'The commit is blocked; bypass once with SEG_HOOK_SKIP=1 git commit ... or git commit --no-verify.',
    );
  });

  test('a finding: by hand, no "Commit blocked" and no bypass; from the hook, both', () => {
    const repo = repoWith({ 'a.py': `T = "${session.token()}"\n` });
    const byHand = session.scan(repo, ['--staged']);
    expect(byHand.status).toBe(1);
    expect(byHand.stderr).toMatch(/^seg-hook: 1 token found in the staged changes\.\n/);
    expect(byHand.stderr).not.toMatch(/Commit blocked|SEG_HOOK_SKIP|commit again/);
    addHook(repo);
    const committed = session.run(repo, 'git', ['commit', '-m', 'x']);
    expect(committed.status).toBe(1);
    expect(committed.stderr).toMatch(
      /^seg-hook: 1 token found in the staged changes\. Commit blocked\./,
    );
    expect(committed.stderr).toContain('Bypass once (not recommended): SEG_HOOK_SKIP=1 git commit');
  });
});

describe('a bad key lists the keys of the object that holds it (item 6)', () => {
  test('{"decode": {"base32": false}}: the keys of decode, not the top level', () => {
    const repo = repoWith({ '.seg-hookrc.json': '{"decode": {"base32": false}}\n' });
    const result = session.scan(repo, ['--staged']);
    expect(result.status).toBe(2);
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(
      '.seg-hookrc.json: decode: unknown key "base32" (did you mean "base64"?); the keys of decode are percent, escape, hex, base64, utf16, quotedPrintable.',
    );
    expect(result.stderr).not.toContain('ignorePaths');
  });

  test("a near miss inside decode is suggested from decode's keys", () => {
    const repo = repoWith({ '.seg-hookrc.json': '{"decode": {"base46": false}}\n' });
    expect(session.scan(repo, ['--staged']).stderr).toContain(
      'unknown key "base46" (did you mean "base64"?)',
    );
  });
});
