/**
 * The GitHub Action's scan step (action/scan.sh), run as the runner runs it: in a full clone of
 * a real repository, with a recorded event payload (githubEvents/*.json, commit ids filled in) at
 * GITHUB_EVENT_PATH. Each event picks its range: pull_request base..head, push before..after, a
 * new branch (all-zeros before) the commits not on the default branch.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { isolatedEnv, TempRepo } from '../helpers/gitRepo';
import { makeToken } from '../helpers/tokens';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'action/scan.sh');
const CLI = path.join(ROOT, 'dist/cli/main.js');
const EVENTS = path.join(__dirname, 'githubEvents');

const dirs: string[] = [];
const tokens = { oldOnMain: makeToken(), newOnMain: makeToken(), onBranch: makeToken() };
let origin: string;
let ci: string;
const ids: Record<string, string> = {};

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, env: isolatedEnv(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

interface ActionRun {
  status: number | null;
  output: string;
  outputs: Record<string, string>;
}

/** Runs the action's step for `eventFile` (placeholders filled from `values`) in `cwd`. */
function runAction(
  eventName: string,
  eventFile: string | undefined,
  values: Record<string, string> = {},
  inputs: Record<string, string> = {},
  cwd = ci,
): ActionRun {
  const work = tempDir('seg-hook-action-run-');
  const outputFile = path.join(work, 'github_output');
  fs.writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_OUTPUT: outputFile,
    GITHUB_REF: values.REF ?? 'refs/heads/main',
    SEG_HOOK_CLI: CLI,
    ...inputs,
  };
  if (eventFile) {
    const payload = fs
      .readFileSync(path.join(EVENTS, eventFile), 'utf8')
      .replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]);
    env.GITHUB_EVENT_PATH = path.join(work, 'event.json');
    fs.writeFileSync(env.GITHUB_EVENT_PATH, payload);
  }
  const result = spawnSync('bash', [SCRIPT], { cwd, env: isolatedEnv(env), encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  for (const token of Object.values(tokens)) expect(output).not.toContain(token);
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: result.status, output, outputs };
}

/** The files of the `::error` annotations, in order. */
function annotatedFiles(output: string): string[] {
  return [...output.matchAll(/^::error file=([^,]+),line=\d+/gm)].map((match) => match[1]);
}

beforeAll(() => {
  // main: m1 .. m5, with an old token added and removed (m2, m3) and a new one (m4);
  // feature/segment branches from m3 and adds its own token (f1).
  const dev = new TempRepo('seg-hook-action-dev-');
  dirs.push(dev.dir);
  const commit = (name: string, files: Record<string, string>) => {
    dev.stage(files);
    dev.commit(name);
    ids[name] = dev.git('rev-parse', 'HEAD').trim();
  };
  commit('m1', { 'README.md': '# payments\n' });
  commit('m2', { 'legacy.py': `TOKEN = "${tokens.oldOnMain}"\n` });
  commit('m3', { 'legacy.py': 'TOKEN = os.environ["SEGMENT_TOKEN"]\n' });
  dev.git('branch', 'feature/segment');
  commit('m4', { 'config/settings.py': `SEGMENT = "${tokens.newOnMain}"\n` });
  commit('m5', { 'README.md': '# payments service\n' });
  dev.git('checkout', '-q', 'feature/segment');
  commit('f1', { 'segment.py': `WRITE_KEY = "${tokens.onBranch}"\n` });
  commit('f2', { 'segment.py': 'WRITE_KEY = os.environ["SEGMENT_WRITE_KEY"]\n' });

  origin = tempDir('seg-hook-action-origin-');
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  git(dev.dir, 'push', '-q', origin, 'main', 'feature/segment');
  // actions/checkout with fetch-depth: 0: every branch as refs/remotes/origin/*.
  ci = path.join(tempDir('seg-hook-action-ci-'), 'repo');
  git(path.dirname(ci), 'clone', '-q', origin, ci);
});

afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('push', () => {
  test('before..after: the pushed commits only (not the old token already on main)', () => {
    const run = runAction('push', 'push.json', { BEFORE: ids.m3, AFTER: ids.m5 });
    expect(run.status).toBe(1);
    expect(run.output).toContain(`scanning ${ids.m3}..${ids.m5} (the pushed commits)`);
    expect(annotatedFiles(run.output)).toEqual(['config/settings.py']);
    expect(run.outputs.range).toBe(`${ids.m3}..${ids.m5}`);
  });

  test('a push whose commits add no token passes', () => {
    const run = runAction('push', 'push.json', { BEFORE: ids.m4, AFTER: ids.m5 });
    expect(run.status).toBe(0);
    expect(annotatedFiles(run.output)).toEqual([]);
  });

  test('a new branch (all-zeros before): what is new, the commits not on the default branch', () => {
    const run = runAction('push', 'push-new-branch.json', {
      AFTER: ids.f2,
      REF: 'refs/heads/feature/segment',
    });
    expect(run.status).toBe(1);
    expect(run.output).toContain(`scanning origin/main..${ids.f2} (a new branch`);
    expect(annotatedFiles(run.output)).toEqual(['segment.py']);
  });

  test('the first push of the default branch has no older side: the whole history (--history)', () => {
    const run = runAction('push', 'push-new-branch.json', { AFTER: ids.m5 });
    expect(run.status).toBe(1);
    expect(run.outputs.range).toBe(ids.m5);
    // --history reads every ref of the clone: the feature branch's token too.
    expect(annotatedFiles(run.output).sort()).toEqual([
      'config/settings.py',
      'legacy.py',
      'segment.py',
    ]);
  });

  test('a force push whose old commit is not in the clone falls back to the new-branch rule', () => {
    const run = runAction('push', 'push.json', {
      BEFORE: 'f'.repeat(40),
      AFTER: ids.f2,
      REF: 'refs/heads/feature/segment',
    });
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/a force push whose old commit f{40} is not in this clone/);
    expect(annotatedFiles(run.output)).toEqual(['segment.py']);
  });

  test('a deleted branch (all-zeros after) has nothing to scan', () => {
    const run = runAction('push', 'push-delete-branch.json', {
      BEFORE: ids.f2,
      REF: 'refs/heads/feature/segment',
    });
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/deleted refs\/heads\/feature\/segment; nothing to scan/);
    expect(run.outputs.range).toBeUndefined();
  });
});

describe('pull_request', () => {
  test('base..head: the pull request commits, annotated', () => {
    const run = runAction('pull_request', 'pull_request.json', { BASE: ids.m3, HEAD: ids.f2 });
    expect(run.status).toBe(1);
    expect(run.outputs.range).toBe(`${ids.m3}..${ids.f2}`);
    expect(run.output).toMatch(
      new RegExp(`^::error file=segment\\.py,line=1,.*added in commit ${ids.f1.slice(0, 12)}`, 'm'),
    );
    expect(run.output).toMatch(/sgp_\w{2}…\w{2}/);
  });

  test('sarif: true writes the SARIF report (for the upload step) and still annotates', () => {
    const run = runAction(
      'pull_request',
      'pull_request.json',
      { BASE: ids.m3, HEAD: ids.f2 },
      { INPUT_SARIF: 'true', INPUT_SARIF_FILE: 'reports/seg-hook.sarif' },
    );
    expect(run.status).toBe(1);
    expect(run.outputs['sarif-file']).toBe('reports/seg-hook.sarif');
    expect(annotatedFiles(run.output)).toEqual(['segment.py']);
  });

  test('format: json replaces the annotations', () => {
    const run = runAction(
      'pull_request',
      'pull_request.json',
      { BASE: ids.m3, HEAD: ids.f2 },
      { INPUT_FORMAT: 'json' },
    );
    expect(run.status).toBe(1);
    const json = JSON.parse(run.output.slice(run.output.indexOf('{'))) as {
      findings: Array<{ file: string; commit: string }>;
    };
    expect(json.findings.map((finding) => [finding.file, finding.commit])).toEqual([
      ['segment.py', ids.f1],
    ]);
  });
});

describe('SARIF file', () => {
  test('is valid SARIF with the one finding, redacted', () => {
    fs.mkdirSync(path.join(ci, 'reports'), { recursive: true });
    runAction(
      'pull_request',
      'pull_request.json',
      { BASE: ids.m3, HEAD: ids.f2 },
      { INPUT_SARIF: 'true', INPUT_SARIF_FILE: 'reports/pr.sarif' },
    );
    const text = fs.readFileSync(path.join(ci, 'reports/pr.sarif'), 'utf8');
    for (const token of Object.values(tokens)) expect(text).not.toContain(token);
    const sarif = JSON.parse(text) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(1);
  });
});

describe('what the step refuses', () => {
  test('a shallow clone (fetch-depth 1): exit 2 and how to fix it', () => {
    const shallow = path.join(tempDir('seg-hook-action-shallow-'), 'repo');
    git(path.dirname(shallow), 'clone', '-q', '--depth', '1', `file://${origin}`, shallow);
    const run = runAction('push', 'push.json', { BEFORE: ids.m3, AFTER: ids.m5 }, {}, shallow);
    expect(run.status).toBe(2);
    expect(run.output).toMatch(/shallow.*fetch-depth: 0/);
  });

  test('an event without commits (workflow_dispatch) needs the range input', () => {
    const run = runAction('workflow_dispatch', undefined);
    expect(run.status).toBe(2);
    expect(run.output).toMatch(/set the range input/);
    const withRange = runAction(
      'workflow_dispatch',
      undefined,
      {},
      {
        INPUT_RANGE: `${ids.m1}..${ids.m3}`,
      },
    );
    expect(withRange.status).toBe(1);
    expect(withRange.output).toContain('(the range input)');
    expect(annotatedFiles(withRange.output)).toEqual(['legacy.py']);
  });
});

describe('action.yml', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: {
      using: string;
      steps: Array<{ run?: string; uses?: string; env?: Record<string, string> }>;
    };
  };

  test('is a composite action whose scan step runs action/scan.sh with every input', () => {
    expect(action.runs.using).toBe('composite');
    const scan = action.runs.steps.find((step) => step.run?.includes('action/scan.sh'));
    expect(scan?.env).toMatchObject({
      INPUT_FORMAT: '${{ inputs.format }}',
      INPUT_SARIF: '${{ inputs.sarif }}',
      INPUT_SARIF_FILE: '${{ inputs.sarif-file }}',
      INPUT_RANGE: '${{ inputs.range }}',
    });
    expect(Object.keys(action.inputs).sort()).toEqual(['format', 'range', 'sarif', 'sarif-file']);
    expect(action.inputs.format.default).toBe('github');
    expect(
      action.runs.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@')),
    ).toBe(true);
  });
});
