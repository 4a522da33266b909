import { FileSnapshot } from '../../src/install/core/fileOps';
import { loadTemplate, renderHook } from '../../src/install/core/hookTemplate';
import { HUSKY_LINE, huskyBase } from '../../src/install/husky/huskyLine';
import { PRE_COMMIT } from '../../src/install/core/hookKinds';
import { planHuskyInstall, planHuskyUninstall } from '../../src/install/husky/huskyPlan';
import {
  planPlainInstall,
  planPlainUninstall,
  PlainHooksState,
} from '../../src/install/plain/plainPlan';
import { isScanError } from '../../src/errors';

const template = loadTemplate();
const ours = (projectDir = '.', chain = true): FileSnapshot => ({
  content: renderHook(template, { projectDir, chain }),
  encoding: 'utf8',
  mode: 0o755,
  symlink: false,
});
const foreign = (content = '#!/bin/sh\nnpm test\n', mode = 0o755): FileSnapshot => ({
  content,
  encoding: 'utf8',
  mode,
  symlink: false,
});
const display = (file: string) => file;

function plain(overrides: Partial<PlainHooksState> = {}): PlainHooksState {
  return {
    hooksDir: '/r/.git/hooks',
    dirExists: true,
    hook: PRE_COMMIT,
    hookFile: null,
    chained: null,
    display,
    ...overrides,
  };
}

describe('plain git hooks: install plan', () => {
  it('writes our hook (mode 755) where there is none', () => {
    const plan = planPlainInstall(plain(), template, '.', 'setup');
    expect(plan.ops).toEqual([
      {
        kind: 'write',
        path: '/r/.git/hooks/pre-commit',
        content: ours().content,
        mode: 0o755,
        replaces: false,
      },
    ]);
  });

  it('creates a missing hooks directory first', () => {
    const plan = planPlainInstall(plain({ dirExists: false }), template, '.', 'setup');
    expect(plan.ops.map((op) => op.kind)).toEqual(['mkdir', 'write']);
  });

  it('moves a hook it did not write aside and chains it', () => {
    const plan = planPlainInstall(plain({ hookFile: foreign() }), template, '.', 'setup');
    expect(plan.ops).toEqual([
      {
        kind: 'rename',
        from: '/r/.git/hooks/pre-commit',
        to: '/r/.git/hooks/pre-commit.seg-hook-chained',
        replaces: false,
      },
      expect.objectContaining({ kind: 'write', path: '/r/.git/hooks/pre-commit', replaces: false }),
    ]);
    expect(plan.notes.join('\n')).toMatch(/kept as .*pre-commit\.seg-hook-chained and runs first/);
  });

  it('treats a symbolic link as a hook it did not write', () => {
    const link = {
      ...foreign(''),
      symlink: true,
      content: renderHook(template, { projectDir: '.', chain: true }),
    };
    const plan = planPlainInstall(plain({ hookFile: link }), template, '.', 'setup');
    expect(plan.ops[0]).toMatchObject({ kind: 'rename' });
  });

  it('changes nothing when our current hook is there (idempotent)', () => {
    const plan = planPlainInstall(
      plain({ hookFile: ours(), chained: foreign() }),
      template,
      '.',
      'setup',
    );
    expect(plan.ops).toEqual([]);
    expect(plan.outcome).toMatch(/already installed and up to date/);
  });

  it('replaces an older version of our hook, keeping a backup of it', () => {
    const older = foreign(ours().content.replace('format=2', 'format=0'));
    const plan = planPlainInstall(plain({ hookFile: older }), template, '.', 'setup');
    expect(plan.ops.map((op) => op.kind)).toEqual(['backup', 'write']);
    expect(plan.ops[1]).toMatchObject({ replaces: true, content: ours().content });
  });

  it('rewrites a pristine hook for another project directory without a backup', () => {
    const plan = planPlainInstall(plain({ hookFile: ours('old') }), template, 'new', 'setup');
    expect(plan.ops.map((op) => op.kind)).toEqual(['write']);
  });

  it('refuses to chain when a chained hook is already there (nothing is overwritten)', () => {
    let error: unknown;
    try {
      planPlainInstall(
        plain({ hookFile: foreign(), chained: foreign('#!/bin/sh\nold\n') }),
        template,
        '.',
        's',
      );
    } catch (caught) {
      error = caught;
    }
    expect(isScanError(error) && error.kind).toBe('install-failed');
    expect(String((error as Error).message)).toMatch(/already exists/);
  });
});

describe('plain git hooks: uninstall plan', () => {
  it('puts the chained hook back in place of ours', () => {
    const plan = planPlainUninstall(plain({ hookFile: ours(), chained: foreign() }), template, 's');
    expect(plan.ops).toEqual([
      {
        kind: 'rename',
        from: '/r/.git/hooks/pre-commit.seg-hook-chained',
        to: '/r/.git/hooks/pre-commit',
        replaces: true,
      },
    ]);
  });

  it('removes our hook when nothing was chained', () => {
    const plan = planPlainUninstall(plain({ hookFile: ours() }), template, 's');
    expect(plan.ops).toEqual([{ kind: 'remove', path: '/r/.git/hooks/pre-commit' }]);
  });

  it('backs up an edited hook of ours before removing it', () => {
    const edited = foreign(`${ours().content}echo my edit\n`);
    const plan = planPlainUninstall(plain({ hookFile: edited }), template, 's');
    expect(plan.ops.map((op) => op.kind)).toEqual(['backup', 'remove']);
  });

  it('puts a chained hook back even when our hook is already gone', () => {
    const plan = planPlainUninstall(plain({ chained: foreign() }), template, 's');
    expect(plan.ops).toEqual([
      {
        kind: 'rename',
        from: '/r/.git/hooks/pre-commit.seg-hook-chained',
        to: '/r/.git/hooks/pre-commit',
        replaces: false,
      },
    ]);
  });

  it('leaves a hook it did not write alone', () => {
    const plan = planPlainUninstall(plain({ hookFile: foreign() }), template, 's');
    expect(plan.ops).toEqual([]);
    expect(plan.outcome).toMatch(/not installed/);
  });
});

describe('husky', () => {
  const husky = (
    version: 8 | 9,
    hookFile: FileSnapshot | null,
    helper: FileSnapshot | null = null,
  ) => ({
    huskyDir: '/r/.husky',
    version,
    hook: PRE_COMMIT,
    hookFile,
    helper,
    display,
  });

  it('v9: writes the helper and adds one line, keeping the mode of the user file', () => {
    const plan = planHuskyInstall(husky(9, foreign('npm test\n', 0o644)), template, '.', 's');
    expect(plan.ops).toEqual([
      {
        kind: 'write',
        path: '/r/.husky/seg-hook.sh',
        content: ours('.', false).content,
        mode: 0o755,
        replaces: false,
      },
      {
        kind: 'write',
        path: '/r/.husky/pre-commit',
        content: `${HUSKY_LINE}\nnpm test\n`,
        encoding: 'utf8',
        mode: 0o644,
        replaces: true,
      },
    ]);
  });

  it('v9: creates pre-commit when missing', () => {
    const plan = planHuskyInstall(husky(9, null), template, 'app', 's');
    expect(plan.ops[1]).toMatchObject({
      path: '/r/.husky/pre-commit',
      content: `${HUSKY_LINE}\n`,
      replaces: false,
    });
    expect(plan.ops[0]).toMatchObject({ content: ours('app', false).content });
  });

  it("v8: creates pre-commit with husky's header, executable", () => {
    const plan = planHuskyInstall(husky(8, null), template, '.', 's');
    expect(plan.ops[1]).toMatchObject({ content: `${huskyBase(8)}${HUSKY_LINE}\n`, mode: 0o755 });
  });

  it('v8: makes an existing pre-commit executable', () => {
    const installed = foreign(`${huskyBase(8)}${HUSKY_LINE}\nnpm test\n`, 0o644);
    const plan = planHuskyInstall(husky(8, installed, ours('.', false)), template, '.', 's');
    expect(plan.ops).toEqual([
      { kind: 'chmod', path: '/r/.husky/pre-commit', mode: 0o755, previousMode: 0o644 },
    ]);
  });

  it('is idempotent', () => {
    const plan = planHuskyInstall(
      husky(9, foreign(`${HUSKY_LINE}\nnpm test\n`, 0o644), ours('.', false)),
      template,
      '.',
      's',
    );
    expect(plan.ops).toEqual([]);
  });

  it('refuses to overwrite a seg-hook.sh it did not write', () => {
    expect(() => planHuskyInstall(husky(9, null, foreign()), template, '.', 's')).toThrow(
      /not written by seg-hook/,
    );
  });

  it('uninstall removes only our line and our helper', () => {
    const plan = planHuskyUninstall(
      husky(9, foreign(`${HUSKY_LINE}\nnpm test\n`, 0o644), ours('.', false)),
      template,
      's',
    );
    expect(plan.ops).toEqual([
      {
        kind: 'write',
        path: '/r/.husky/pre-commit',
        content: 'npm test\n',
        encoding: 'utf8',
        mode: 0o644,
        replaces: true,
      },
      { kind: 'remove', path: '/r/.husky/seg-hook.sh' },
    ]);
  });

  it('uninstall removes a pre-commit that only install filled', () => {
    const plan = planHuskyUninstall(
      husky(8, foreign(`${huskyBase(8)}${HUSKY_LINE}\n`), ours('.', false)),
      template,
      's',
    );
    expect(plan.ops[0]).toEqual({ kind: 'remove', path: '/r/.husky/pre-commit' });
  });

  it('uninstall with nothing of ours changes nothing', () => {
    const plan = planHuskyUninstall(
      husky(9, foreign('npm test\n'), foreign('#!/bin/sh\n')),
      template,
      's',
    );
    expect(plan.ops).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(/not written by seg-hook/);
  });
});
