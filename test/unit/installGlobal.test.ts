/** The machine-wide hooks directory of `install --global`: its scripts and the state they keep. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import {
  DISPATCHER,
  GIT_HOOK_NAMES,
  GlobalState,
  isGlobalScript,
  parseDispatcher,
  renderDispatcher,
  renderStub,
} from '../../src/install/global/globalHooks';
import { loadTemplate, templateFile } from '../../src/install/core/hookTemplate';

const template = loadTemplate(templateFile('global-hook.sh'));
const state: GlobalState = {
  scans: ['pre-commit', 'pre-push'],
  recorded: { node: "/opt/it's/node", script: '/usr/lib/node_modules/seg-hook/dist/cli/main.js' },
  previous: { value: '~/my hooks', dir: '/home/u/my hooks' },
};

describe('the dispatcher', () => {
  it('records its state and reads it back, whatever the quoting', () => {
    const script = renderDispatcher(template, state);
    expect(parseDispatcher(script)).toEqual(state);
    const unset = { ...state, scans: ['pre-commit' as const], previous: { value: null, dir: '' } };
    expect(parseDispatcher(renderDispatcher(template, unset))).toEqual(unset);
    expect(script).not.toMatch(/@[A-Z_]+@/);
    for (const shell of ['sh', 'dash', 'bash']) {
      expect(spawnSync(shell, ['-n'], { input: script }).status).toBe(0);
    }
  });

  it('is not taken for a file the user wrote, and a user file is not taken for ours', () => {
    expect(parseDispatcher('#!/bin/sh\nexit 0\n')).toBeNull();
    expect(isGlobalScript('#!/bin/sh\n# my hook mentions seg-hook install --global\n')).toBe(false);
    expect(isGlobalScript(renderStub('commit-msg'))).toBe(true);
  });
});

describe('the hook stubs', () => {
  it('forward their own name and arguments to the dispatcher next to them', () => {
    expect(renderStub('post-checkout')).toBe(
      `#!/bin/sh\n# seg-hook-managed-global format=1 (seg-hook install --global)\nexec sh "$(dirname -- "$0")/${DISPATCHER}" post-checkout "$@"\n`,
    );
  });

  it("cover every hook of this git's githooks(5), except fsmonitor-watchman (run from core.fsmonitor)", () => {
    const manPage = '/usr/share/man/man5/githooks.5.gz';
    if (!fs.existsSync(manPage)) {
      throw new Error(
        `${manPage} is missing: install git's manual pages (Debian: apt-get install git-man)`,
      );
    }
    const documented = zlib
      .gunzipSync(fs.readFileSync(manPage))
      .toString('utf8')
      .split('\n')
      .filter((line) => line.startsWith('.SS '))
      .map((line) => line.slice(4).replace(/["\\]/g, '').trim());
    expect(documented).toContain('fsmonitor-watchman');
    expect([...GIT_HOOK_NAMES].sort()).toEqual(
      documented.filter((name) => name !== 'fsmonitor-watchman').sort(),
    );
    expect(GIT_HOOK_NAMES).not.toContain(DISPATCHER);
  });
});
