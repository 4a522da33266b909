/**
 * Whether an existing hook, or lint-staged's configuration, demonstrably runs seg-hook on every
 * staged file: a mention is not a scan (issue 15, item 1).
 */
import { analyseDirectRun, analyseLintStagedRun } from '../../src/install/core/hookAnalysis';
import { PRE_COMMIT, PRE_PUSH } from '../../src/install/core/hookKinds';
import { HUSKY_LINE } from '../../src/install/husky/huskyLine';
import { configRunsOnEveryFile } from '../../src/install/lintStaged/lintStagedConfig';

const runs = (body: string, errexit = false) =>
  analyseDirectRun(`#!/bin/sh\n${body}\n`, PRE_COMMIT, errexit).runs;
const reason = (body: string, errexit = false) => {
  const verdict = analyseDirectRun(`#!/bin/sh\n${body}\n`, PRE_COMMIT, errexit);
  return verdict.runs ? null : verdict.reason;
};

describe('a direct seg-hook run', () => {
  it.each([
    'seg-hook',
    'seg-hook --staged',
    'node_modules/.bin/seg-hook --staged',
    'npx --no-install seg-hook --staged --format json',
    'exec node_modules/.bin/seg-hook --staged\necho never',
    'seg-hook --staged || exit 1\nnpm test',
    'seg-hook --staged || exit\nnpm test',
    'set -e\nseg-hook --staged\nnpm test',
    'npm test\nseg-hook --staged',
    'seg-hook -c conf/seg.json --staged && echo scanned',
  ])('counts %j', (body) => {
    expect(runs(body)).toBe(true);
  });

  it('counts any line under sh -e (husky) or a -e shebang', () => {
    expect(runs('seg-hook --staged\nnpm test', true)).toBe(true);
    expect(analyseDirectRun('#!/bin/sh -e\nseg-hook\nnpm test\n').runs).toBe(true);
  });

  it.each([
    ['# seg-hook --staged', /does not run seg-hook/],
    ['seg-hook explain', /not a scan of every staged file/],
    ['seg-hook --staged src/', /not a scan of every staged file/],
    ['seg-hook --range origin/main..HEAD', /not a scan of every staged file/],
    ['seg-hook --staged\nnpm test', /does not stop the hook/],
    ['seg-hook --staged || true', /ignores a failure of seg-hook \(\|\| true\)/],
    ['seg-hook --staged && echo ok\nnpm test', /does not stop the hook/],
    ['if [ -z "$CI" ]; then\n  seg-hook --staged\nfi', /inside a condition/],
    ['check() {\n  seg-hook --staged\n}\ncheck', /inside a condition/],
    ['echo my-seg-hooker', /does not run seg-hook/],
    [HUSKY_LINE, /does not run seg-hook/],
  ])('does not count %j', (body, why) => {
    expect(reason(body)).toMatch(why);
  });

  it('for pre-push, only a pre-push scan of the pushed commits counts', () => {
    const push = (body: string) => analyseDirectRun(`#!/bin/sh\n${body}\n`, PRE_PUSH).runs;
    expect(push('node_modules/.bin/seg-hook pre-push "$@"')).toBe(true);
    expect(push('seg-hook pre-push "$1" "$2" || exit 1\ngit lfs pre-push "$@"')).toBe(true);
    expect(push('seg-hook --staged')).toBe(false);
    expect(push('seg-hook --range origin/main..HEAD')).toBe(false);
  });
});

describe('lint-staged', () => {
  const verdict = (config: unknown) =>
    configRunsOnEveryFile({ file: 'package.json', config, text: JSON.stringify(config) });

  it('runs on every file only with a catch-all glob and a staged scan', () => {
    for (const glob of ['*', '**', '**/*']) {
      expect(verdict({ [glob]: 'seg-hook --staged' }).runs).toBe(true);
    }
    expect(verdict({ '*': ['prettier --write', 'npx seg-hook'] }).runs).toBe(true);
  });

  it('a narrow glob, another subcommand or code is not every file', () => {
    expect(verdict({ '*.{js,ts}': 'seg-hook --staged' })).toEqual({
      runs: false,
      reason: expect.stringMatching(/only for "\*\.\{js,ts\}".*\.env\.production/),
    });
    expect(verdict({ '*': 'seg-hook explain' })).toMatchObject({ runs: false });
    expect(verdict({ '*.js': 'eslint' })).toEqual({
      runs: false,
      reason: 'it does not run seg-hook',
    });
    const js = configRunsOnEveryFile({
      file: 'lint-staged.config.js',
      config: undefined,
      text: "export default { '*': 'seg-hook --staged' };\n",
    });
    expect(js).toEqual({ runs: false, reason: expect.stringMatching(/not JSON/) });
  });

  it('the hook line must run lint-staged with its own configuration and block', () => {
    expect(analyseLintStagedRun('npx lint-staged\n').runs).toBe(true);
    expect(analyseLintStagedRun('cd app && npx lint-staged --quiet\n').runs).toBe(true);
    expect(analyseLintStagedRun('npx lint-staged --config other.json\n').runs).toBe(false);
    expect(analyseLintStagedRun('npx lint-staged\nnpm test\n').runs).toBe(false);
    expect(analyseLintStagedRun('npx lint-staged\nnpm test\n', true).runs).toBe(true);
  });
});
