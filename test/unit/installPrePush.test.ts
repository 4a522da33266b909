/**
 * The pre-push side of the installer: the rendered pre-push script (and that the pre-commit one
 * is unchanged by it), the plans for plain git hooks and husky, the husky line, and what counts
 * as "already scans pushes". Pure functions, plus sh runs of the rendered text.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileSnapshot } from '../../src/install/core/fileOps';
import { hookKind, PRE_COMMIT, PRE_PUSH } from '../../src/install/core/hookKinds';
import {
  HOOK_FORMAT,
  isPristine,
  loadTemplate,
  parseManagedHook,
  renderHook,
} from '../../src/install/core/hookTemplate';
import { findSegHookInvocation } from '../../src/install/core/hookText';
import { huskyBase, withHuskyLine, withoutHuskyLine } from '../../src/install/husky/huskyLine';
import { planHuskyInstall, planHuskyUninstall } from '../../src/install/husky/huskyPlan';
import {
  planPlainInstall,
  planPlainUninstall,
  PlainHooksState,
} from '../../src/install/plain/plainPlan';
import { installMessages } from '../../src/install/installMessages';

const template = loadTemplate();
const prePush = (projectDir = '.', chain = true) =>
  renderHook(template, { projectDir, chain, hook: PRE_PUSH });
const snapshot = (content: string, mode = 0o755): FileSnapshot => ({
  content,
  encoding: 'utf8',
  mode,
  symlink: false,
});
const ours = (projectDir = '.', chain = true) => snapshot(prePush(projectDir, chain));
const foreign = (content = '#!/bin/sh\ngit lfs pre-push "$@"\n') => snapshot(content);
const display = (file: string) => file;
/** What the hook runs under: no user git config, TMPDIR chosen by the test. */
const hookEnv = (tmp: string) => ({
  PATH: process.env.PATH,
  TMPDIR: tmp,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-prepush-unit-')));
  dirs.push(dir);
  return dir;
}

describe('the pre-push script', () => {
  it.each([true, false])('is a POSIX sh script with our marker (chain: %s)', (chain) => {
    const hook = prePush('.', chain);
    expect(hook.startsWith('#!/bin/sh\n# seg-hook-managed-hook format=2\n')).toBe(true);
    expect(hook).not.toMatch(/@[A-Z_]+@/);
    expect(hook).not.toMatch(/^# (>>>|<<<)/m);
    expect(parseManagedHook(hook)).toEqual({
      format: HOOK_FORMAT,
      projectDir: '.',
      recorded: null,
    });
    for (const shell of ['sh', 'dash', 'bash']) {
      expect(spawnSync(shell, ['-n'], { input: hook }).status).toBe(0);
    }
  });

  it('runs the local binary in pre-push mode with git arguments, never npx or --staged', () => {
    for (const chain of [true, false]) {
      const hook = prePush('app', chain);
      expect(hook).toContain("seg_hook_project='app'");
      expect(hook).toContain(
        'exec ${seg_hook_node:+"$seg_hook_node"} "$seg_hook_bin" pre-push "$@"',
      );
      expect(hook).not.toContain('--staged');
      expect(hook).not.toMatch(/^[^#]*\bnpx\b/m);
      expect(hook).toContain('git push --no-verify');
      expect(hook).toContain(
        installMessages.missingBinary('app/node_modules/.bin/seg-hook', 'push'),
      );
    }
  });

  it('keeps a copy of stdin in a temp file that a trap removes', () => {
    const hook = prePush();
    expect(hook).toContain('seg_hook_input="$(mktemp)"');
    expect(hook).toContain(`trap 'rm -f -- "$seg_hook_input"' EXIT`);
    expect(hook).toContain(') <"$seg_hook_input" || exit "$?"');
  });

  it('chains pre-push.seg-hook-chained only for plain git hooks', () => {
    expect(prePush('.', true)).toContain('"$(dirname -- "$0")/pre-push.seg-hook-chained"');
    expect(prePush('.', false)).not.toContain('seg-hook-chained');
  });

  it('leaves the pre-commit script without any pre-push part', () => {
    for (const chain of [true, false]) {
      const hook = renderHook(template, { projectDir: '.', chain });
      expect(renderHook(template, { projectDir: '.', chain, hook: PRE_COMMIT })).toBe(hook);
      expect(hook).not.toMatch(/mktemp|seg_hook_input|pre-push|^\($/m);
      expect(hook).toMatch(
        /exec \$\{seg_hook_node:\+"\$seg_hook_node"\} "\$seg_hook_bin" --staged\n$/,
      );
    }
  });

  it('is pristine only as the hook it was rendered for', () => {
    expect(isPristine(prePush('pkg'), template, true, PRE_PUSH)).toBe(true);
    expect(isPristine(prePush('pkg', false), template, false, PRE_PUSH)).toBe(true);
    expect(isPristine(prePush('pkg'), template, true, PRE_COMMIT)).toBe(false);
    expect(isPristine(prePush('pkg').replace('trap ', 'trap  '), template, true, PRE_PUSH)).toBe(
      false,
    );
  });
});

describe('the pre-push script under sh', () => {
  /** A git repository whose hooks dir holds the rendered script and a fake seg-hook binary. */
  function hookRepo(chained: string | null): { dir: string; hook: string; tmp: string } {
    const dir = tempDir();
    spawnSync('git', ['init', '-q', dir], { env: hookEnv(os.tmpdir()) });
    const bin = path.join(dir, 'node_modules', '.bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(
      path.join(bin, 'seg-hook'),
      '#!/bin/sh\nprintf "%s|" "$@" > seg-args\ncat > seg-stdin\n',
      { mode: 0o755 },
    );
    const hook = path.join(dir, '.git', 'hooks', 'pre-push');
    fs.writeFileSync(hook, prePush(), { mode: 0o755 });
    if (chained !== null) fs.writeFileSync(`${hook}.seg-hook-chained`, chained, { mode: 0o755 });
    const tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
    return { dir, hook, tmp };
  }

  const input = 'refs/heads/a 1111 refs/heads/a 2222\nrefs/heads/b 3333 refs/heads/b 4444\n';

  it('gives the chained hook and seg-hook the same stdin and arguments, and removes the copy', () => {
    const { dir, hook, tmp } = hookRepo('#!/bin/sh\nprintf "%s|" "$@" > ch-args\ncat > ch-stdin\n');
    const result = spawnSync('sh', [hook, 'origin', 'file:///r e'], {
      cwd: dir,
      input,
      env: hookEnv(tmp),
    });
    expect(result.status).toBe(0);
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    expect(read('ch-stdin')).toBe(input);
    expect(read('seg-stdin')).toBe(input);
    expect(read('ch-args')).toBe('origin|file:///r e|');
    expect(read('seg-args')).toBe('pre-push|origin|file:///r e|');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('stops at a failing chained hook with its exit code, and still removes the copy', () => {
    const { dir, hook, tmp } = hookRepo('#!/bin/sh\ncat >/dev/null\nexit 7\n');
    const result = spawnSync('sh', [hook, 'origin', 'url'], {
      cwd: dir,
      input,
      env: hookEnv(tmp),
    });
    expect(result.status).toBe(7);
    expect(fs.existsSync(path.join(dir, 'seg-stdin'))).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('removes the copy when it is killed (SIGTERM) while the chained hook runs', () => {
    const { dir, hook, tmp } = hookRepo('#!/bin/sh\nsleep 1\n');
    const result = spawnSync(
      'sh',
      ['-c', `sh "${hook}" origin url & pid=$!; sleep 0.3; kill -TERM $pid; wait $pid`],
      { cwd: dir, input, env: hookEnv(tmp) },
    );
    expect(result.status).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'seg-stdin'))).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('blocks with one message when it cannot make the copy', () => {
    const { dir, hook } = hookRepo(null);
    const result = spawnSync('sh', [hook, 'origin', 'url'], {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: hookEnv(path.join(dir, 'no-such-dir')),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${installMessages.noTempFile}\n`);
    expect(fs.existsSync(path.join(dir, 'seg-stdin'))).toBe(false);
  });
});

describe('the husky pre-push line', () => {
  it('goes first, is idempotent, and is removed exactly', () => {
    const user = 'git lfs pre-push "$@"\n';
    const once = withHuskyLine(user, 9, PRE_PUSH.huskyLine);
    expect(once).toBe(`${PRE_PUSH.huskyLine}\n${user}`);
    expect(withHuskyLine(once, 9, PRE_PUSH.huskyLine)).toBe(once);
    expect(withoutHuskyLine(once)).toBe(user);
    expect(withHuskyLine(null, 8, PRE_PUSH.huskyLine)).toBe(
      `${huskyBase(8)}${PRE_PUSH.huskyLine}\n`,
    );
  });

  it('sources the helper: its failure ends the file, its success hands stdin to the next lines', () => {
    const dir = tempDir();
    const file = path.join(dir, 'pre-push');
    fs.writeFileSync(
      file,
      withHuskyLine('cat > "$(dirname -- "$0")/after"\n', 9, PRE_PUSH.huskyLine),
    );
    fs.writeFileSync(path.join(dir, PRE_PUSH.huskyHelper), 'exit 3\n');
    expect(spawnSync('sh', ['-e', file], { input: 'refs\n' }).status).toBe(3);
    expect(fs.existsSync(path.join(dir, 'after'))).toBe(false);
    // A helper that reads nothing from stdin leaves it to the lines after it.
    fs.writeFileSync(path.join(dir, PRE_PUSH.huskyHelper), 'true\n');
    expect(spawnSync('sh', ['-e', file], { input: 'refs\n' }).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'after'), 'utf8')).toBe('refs\n');
  });
});

describe('plans for pre-push', () => {
  const plain = (overrides: Partial<PlainHooksState> = {}): PlainHooksState => ({
    hooksDir: '/r/.git/hooks',
    dirExists: true,
    hook: PRE_PUSH,
    hookFile: null,
    chained: null,
    display,
    ...overrides,
  });

  it('plain: writes pre-push (mode 755), nothing about pre-commit', () => {
    const plan = planPlainInstall(plain(), template, '.', 'setup');
    expect(plan.ops).toEqual([
      {
        kind: 'write',
        path: '/r/.git/hooks/pre-push',
        content: prePush(),
        mode: 0o755,
        replaces: false,
      },
    ]);
    expect(plan.outcome).toBe(installMessages.installed('setup', 'pre-push'));
  });

  it('plain: moves an existing pre-push aside to pre-push.seg-hook-chained', () => {
    const plan = planPlainInstall(plain({ hookFile: foreign() }), template, '.', 'setup');
    expect(plan.ops).toEqual([
      {
        kind: 'rename',
        from: '/r/.git/hooks/pre-push',
        to: '/r/.git/hooks/pre-push.seg-hook-chained',
        replaces: false,
      },
      expect.objectContaining({ kind: 'write', path: '/r/.git/hooks/pre-push', replaces: false }),
    ]);
    expect(plan.notes.join('\n')).toMatch(/blocks the push\. seg-hook uninstall --pre-push/);
  });

  it('plain: is idempotent, and replaces our pre-commit script found under pre-push', () => {
    const same = planPlainInstall(plain({ hookFile: ours() }), template, '.', 'setup');
    expect(same.ops).toEqual([]);
    expect(same.outcome).toMatch(/the pre-push hook is already installed/);
    const wrong = snapshot(renderHook(template, { projectDir: '.', chain: true }));
    const replaced = planPlainInstall(plain({ hookFile: wrong }), template, '.', 'setup');
    expect(replaced.ops.map((op) => op.kind)).toEqual(['backup', 'write']);
    expect(replaced.ops[1]).toMatchObject({ content: prePush(), replaces: true });
  });

  it('plain: uninstall puts the chained pre-push hook back, or removes ours', () => {
    expect(
      planPlainUninstall(plain({ hookFile: ours(), chained: foreign() }), template, 's').ops,
    ).toEqual([
      {
        kind: 'rename',
        from: '/r/.git/hooks/pre-push.seg-hook-chained',
        to: '/r/.git/hooks/pre-push',
        replaces: true,
      },
    ]);
    expect(planPlainUninstall(plain({ hookFile: ours() }), template, 's').ops).toEqual([
      { kind: 'remove', path: '/r/.git/hooks/pre-push' },
    ]);
  });

  const husky = (version: 8 | 9, hookFile: FileSnapshot | null, helper: FileSnapshot | null) => ({
    huskyDir: '/r/.husky',
    version,
    hook: PRE_PUSH,
    hookFile,
    helper,
    display,
  });

  it('husky v9: writes seg-hook-pre-push.sh and adds the line to .husky/pre-push', () => {
    const plan = planHuskyInstall(husky(9, foreign('npm test\n'), null), template, 'app', 's');
    expect(plan.ops).toEqual([
      {
        kind: 'write',
        path: '/r/.husky/seg-hook-pre-push.sh',
        content: prePush('app', false),
        mode: 0o755,
        replaces: false,
      },
      {
        kind: 'write',
        path: '/r/.husky/pre-push',
        content: `${PRE_PUSH.huskyLine}\nnpm test\n`,
        encoding: 'utf8',
        mode: 0o755,
        replaces: true,
      },
    ]);
  });

  it("husky v8: creates .husky/pre-push with husky's header, executable; uninstall removes it", () => {
    const plan = planHuskyInstall(husky(8, null, null), template, '.', 's');
    expect(plan.ops[1]).toMatchObject({
      path: '/r/.husky/pre-push',
      content: `${huskyBase(8)}${PRE_PUSH.huskyLine}\n`,
      mode: 0o755,
      replaces: false,
    });
    const installed = snapshot(`${huskyBase(8)}${PRE_PUSH.huskyLine}\n`);
    const undo = planHuskyUninstall(husky(8, installed, ours('.', false)), template, 's');
    expect(undo.ops).toEqual([
      { kind: 'remove', path: '/r/.husky/pre-push' },
      { kind: 'remove', path: '/r/.husky/seg-hook-pre-push.sh' },
    ]);
  });

  it('husky: refuses a seg-hook-pre-push.sh it did not write', () => {
    expect(() => planHuskyInstall(husky(9, null, foreign()), template, '.', 's')).toThrow(
      /seg-hook-pre-push\.sh exists and was not written by seg-hook/,
    );
  });
});

describe('what already scans pushes', () => {
  it('counts only seg-hook runs that scan commits', () => {
    const found = (text: string) => findSegHookInvocation(`#!/bin/sh\n${text}\n`, PRE_PUSH);
    expect(found('node_modules/.bin/seg-hook pre-push "$@"')).toEqual({
      line: 2,
      text: 'node_modules/.bin/seg-hook pre-push "$@"',
    });
    expect(found('npx seg-hook --range origin/main..HEAD')?.line).toBe(2);
    expect(found('node_modules/.bin/seg-hook --staged')).toBeNull();
    expect(found('sh .husky/seg-hook-pre-push.sh')).toBeNull();
    expect(found('# seg-hook pre-push')).toBeNull();
    // For pre-commit, any seg-hook run counts, as before.
    expect(findSegHookInvocation('seg-hook --staged\n', PRE_COMMIT)?.line).toBe(1);
  });

  it('maps names to hook kinds', () => {
    expect(hookKind('pre-push')).toBe(PRE_PUSH);
    expect(hookKind('pre-commit')).toBe(PRE_COMMIT);
  });
});
