/**
 * One bypass rule, two implementations: the CLI's (src/cli/bypass.ts) and the hooks' plain sh
 * (hooks/bypass-rule.sh, inlined into hooks/pre-commit.sh and hooks/global-hook.sh, used when
 * the binary is missing). All run here over the same table: the CLI on a staged token (bypass:
 * exit 0; else exit 1), the rendered pre-commit hook in a repository without node_modules, and
 * the rendered machine-wide dispatcher whose recorded seg-hook is gone (bypass: exit 0; else
 * exit 1 and why), under every POSIX shell on this machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { renderDispatcher } from '../../src/install/global/globalHooks';
import { loadTemplate, renderHook, templateFile } from '../../src/install/core/hookTemplate';
import { isolatedEnv, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

/** [SEG_HOOK_SKIP, SKIP, bypasses?] — undefined leaves the variable unset. */
const TABLE: Array<[string | undefined, string | undefined, boolean]> = [
  [undefined, undefined, false],
  ['1', undefined, true],
  ['true', undefined, true],
  ['yes', undefined, true],
  [' 1 ', undefined, true],
  ['\t1', undefined, true],
  ['', undefined, false],
  [' ', undefined, false],
  ['\t \t', undefined, false],
  ['0', undefined, false],
  [' 0 ', undefined, false],
  ['00', undefined, true],
  ['false', undefined, false],
  ['FALSE', undefined, false],
  [' False\t', undefined, false],
  ['no', undefined, true],
  ['1\n', undefined, true],
  ['fal se', undefined, true],
  ['*', undefined, true],
  [undefined, 'seg-hook', true],
  [undefined, 'eslint,seg-hook', true],
  [undefined, 'eslint, seg-hook ,prettier', true],
  [undefined, '\tseg-hook\t', true],
  [undefined, 'seg-hook,', true],
  [undefined, ',,seg-hook', true],
  [undefined, 'seg- hook', false],
  [undefined, 'seg hook', false],
  [undefined, 'SEG-HOOK', false],
  [undefined, 'seg-hook-other', false],
  [undefined, 'eslint seg-hook', false],
  [undefined, '*', false],
  [undefined, '', false],
  ['0', 'seg-hook', true],
  [' ', 'eslint', false],
];

const SHELLS = ['sh', 'dash', 'bash', 'ksh', 'zsh', 'busybox'].filter(
  (shell) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0,
);

function envFor(skip: string | undefined, skipList: string | undefined): NodeJS.ProcessEnv {
  return isolatedEnv({
    ...(skip === undefined ? {} : { SEG_HOOK_SKIP: skip }),
    ...(skipList === undefined ? {} : { SKIP: skipList }),
  });
}

describe('the bypass rule: the CLI and the hook agree on every value', () => {
  const repo = session.repo();
  repo.stage({ 'app.js': `const k = "${session.token()}";\n` });
  const hooksDir = session.tempDir('seg-hook-bypass-');
  const hook = path.join(hooksDir, 'pre-commit');
  fs.writeFileSync(hook, renderHook(loadTemplate(), { projectDir: '.', chain: false }));
  // The precondition of the hook's own rule: there is no binary, so the shell decides.
  expect(fs.existsSync(path.join(repo.dir, 'node_modules'))).toBe(false);
  // The machine-wide dispatcher, with the seg-hook it recorded gone: its shell decides too.
  const gone = {
    node: path.join(hooksDir, 'gone', 'node'),
    script: path.join(hooksDir, 'gone', 'seg-hook'),
  };
  const dispatcher = path.join(hooksDir, 'seg-hook-dispatch.sh');
  fs.writeFileSync(
    dispatcher,
    renderDispatcher(loadTemplate(templateFile('global-hook.sh')), {
      scans: ['pre-commit'],
      recorded: gone,
      previous: { value: null, dir: '' },
    }),
  );

  test('at least sh runs the hook here', () => {
    expect(SHELLS).toContain('sh');
  });

  test.each(TABLE)('SEG_HOOK_SKIP=%j SKIP=%j: bypass %s', (skip, skipList, bypasses) => {
    const env = envFor(skip, skipList);
    const cli = session.scan(repo, ['--staged'], { env });
    expect(cli.status).toBe(bypasses ? 0 : 1);
    expect(cli.stderr.includes('scan skipped because')).toBe(bypasses);

    for (const shell of SHELLS) {
      const args = shell === 'busybox' ? ['sh', hook] : [hook];
      const result = spawnSync(shell, args, { cwd: repo.dir, env, encoding: 'utf8' });
      const outcome = {
        shell,
        status: result.status,
        skipped: result.stderr.includes('scan skipped because'),
      };
      expect(outcome).toEqual({ shell, status: bypasses ? 0 : 1, skipped: bypasses });
      if (!bypasses) expect(result.stderr).toContain('was not found');
    }
  });

  test.each(TABLE)(
    'the machine-wide dispatcher: SEG_HOOK_SKIP=%j SKIP=%j: bypass %s',
    (skip, skipList, bypasses) => {
      const env = envFor(skip, skipList);
      for (const shell of SHELLS) {
        const args = [...(shell === 'busybox' ? ['sh'] : []), dispatcher, 'pre-commit'];
        const result = spawnSync(shell, args, { cwd: repo.dir, env, encoding: 'utf8' });
        const outcome = {
          shell,
          status: result.status,
          skipped: result.stderr.includes('scan skipped because'),
          gone: result.stderr.includes('no longer exists'),
        };
        expect(outcome).toEqual({
          shell,
          status: bypasses ? 0 : 1,
          skipped: bypasses,
          gone: !bypasses,
        });
      }
    },
  );
});

describe('one copy of the rule in sh', () => {
  // hooks/bypass-rule.sh is inlined into both templates: the machine-wide dispatcher runs the
  // very lines the table above runs through the project hook.
  const rule = fs
    .readFileSync(path.join(__dirname, '..', '..', 'hooks', 'bypass-rule.sh'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => `  ${line}`)
    .join('\n');

  test.each([
    ['the project hook', loadTemplate],
    ['the machine-wide dispatcher', () => loadTemplate(templateFile('global-hook.sh'))],
  ])('%s holds it verbatim, with no placeholder left', (_name, load) => {
    const template = load();
    expect(rule).toContain('seg_hook_skip=yes');
    expect(template).toContain(rule);
    expect(template).not.toContain('@BYPASS_RULE@');
  });
});
