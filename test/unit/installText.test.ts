import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  HOOK_FORMAT,
  isPristine,
  loadTemplate,
  parseManagedHook,
  renderHook,
} from '../../src/install/core/hookTemplate';
import {
  findLintStagedInvocation,
  findSegHookInvocation,
  usesNpx,
} from '../../src/install/core/hookText';
import {
  hasHuskyLine,
  HUSKY_LINE,
  huskyBase,
  isHeaderOnly,
  withHuskyLine,
  withoutHuskyLine,
} from '../../src/install/husky/huskyLine';
import { isSharedSetting, parseSetting } from '../../src/install/core/hookLocation';
import { shellQuote, shellUnquote } from '../../src/install/core/shellQuote';
import { installMessages } from '../../src/install/installMessages';

const template = loadTemplate();

function sh(script: string, env: NodeJS.ProcessEnv = {}) {
  return spawnSync('sh', ['-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
}

describe('shellQuote', () => {
  const values = ['plain', '', "it's", 'a b\tc', '$(touch /tmp/x) `id` $HOME "q" \\', 'dév/ü'];
  it.each(values)('sh reads %j back byte for byte', (value) => {
    const result = sh(`printf '%s' ${shellQuote(value)}`);
    expect(result.stdout).toBe(value);
  });
  it.each(values.filter((v) => v !== ''))('shellUnquote inverts it for %j', (value) => {
    expect(shellUnquote(shellQuote(value))).toBe(value);
  });
  it('rejects text that is not single-quoted', () => {
    expect(shellUnquote('abc')).toBeNull();
    expect(shellUnquote("'open")).toBeNull();
  });
});

describe('the hook template', () => {
  it('is a POSIX sh script with LF endings and our marker', () => {
    const hook = renderHook(template, { projectDir: '.', chain: true });
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    expect(hook).not.toContain('\r');
    expect(hook).not.toMatch(/@[A-Z_]+@/); // every placeholder filled
    expect(parseManagedHook(hook)).toEqual({
      format: HOOK_FORMAT,
      projectDir: '.',
      recorded: null,
    });
    expect(sh(`sh -n /dev/stdin <<'EOF'\n${hook}\nEOF`).status).toBe(0);
  });

  it('is rendered with LF endings even from a CRLF checkout of the template', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-tpl-'));
    try {
      const crlf = path.join(dir, 'pre-commit.sh');
      fs.writeFileSync(crlf, template.replace(/\n/g, '\r\n'));
      const hook = renderHook(loadTemplate(crlf), { projectDir: '.', chain: true });
      expect(hook).toBe(renderHook(template, { projectDir: '.', chain: true }));
      expect(hook).not.toContain('\r');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never calls npx and reads the project binary', () => {
    for (const chain of [true, false]) {
      const hook = renderHook(template, { projectDir: 'app', chain });
      expect(hook).not.toMatch(/^[^#]*\bnpx\b/m);
      expect(hook).toContain('node_modules/.bin/seg-hook');
      expect(hook).toContain("seg_hook_project='app'");
    }
  });

  it('keeps the chained-hook section only for plain git hooks', () => {
    expect(renderHook(template, { projectDir: '.', chain: true })).toContain(
      'pre-commit.seg-hook-chained',
    );
    const helper = renderHook(template, { projectDir: '.', chain: false });
    expect(helper).not.toContain('seg-hook-chained');
    expect(helper).not.toContain('chained-hook');
  });

  it('quotes a project directory with shell metacharacters', () => {
    const dir = `we'ird $(touch pwned) dir`;
    const hook = renderHook(template, { projectDir: dir, chain: false });
    expect(parseManagedHook(hook)?.projectDir).toBe(dir);
    expect(sh(`sh -n /dev/stdin <<'EOF'\n${hook}\nEOF`).status).toBe(0);
  });

  it('records a seg-hook outside the project, quoted, and reads it back', () => {
    const recorded = {
      node: "/opt/it's node/bin/node",
      script: '/usr/lib/node_modules/seg-hook/dist/cli/main.js',
    };
    const hook = renderHook(template, { projectDir: '.', chain: true, recorded });
    expect(parseManagedHook(hook)?.recorded).toEqual(recorded);
    expect(isPristine(hook, template, true)).toBe(true);
    expect(hook).toContain(
      installMessages.recordedGone(recorded.script, recorded.node).replace(/'/g, `'\\''`),
    );
    expect(sh(`sh -n /dev/stdin <<'EOF'\n${hook}\nEOF`).status).toBe(0);
    const none = renderHook(template, { projectDir: '.', chain: true });
    expect(none).toContain("seg_hook_recorded_script=''");
    expect(parseManagedHook(none)?.recorded).toBeNull();
  });

  it('recognises a pristine hook and an edited one', () => {
    const hook = renderHook(template, { projectDir: 'pkg', chain: true });
    expect(isPristine(hook, template, true)).toBe(true);
    expect(isPristine(hook.replace('exec ', 'exec  '), template, true)).toBe(false);
    expect(isPristine(hook.replace('format=2', 'format=0'), template, true)).toBe(false);
    expect(parseManagedHook('#!/bin/sh\nnpm test\n')).toBeNull();
  });
});

describe('the husky line', () => {
  it('is added first, after the shebang, keeping every user line', () => {
    const user = '#!/bin/sh\ncd app && npx lint-staged\nexit 0\n';
    expect(withHuskyLine(user, 9)).toBe(
      `#!/bin/sh\n${HUSKY_LINE}\ncd app && npx lint-staged\nexit 0\n`,
    );
  });

  it('goes after the husky v8 header', () => {
    const v8 = '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpm test\n';
    expect(withHuskyLine(v8, 8)).toBe(
      `#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n${HUSKY_LINE}\n\nnpm test\n`,
    );
  });

  it("creates a file when there is none (v8 gets husky's header)", () => {
    expect(withHuskyLine(null, 9)).toBe(`${HUSKY_LINE}\n`);
    expect(withHuskyLine(null, 8)).toBe(`${huskyBase(8)}${HUSKY_LINE}\n`);
    expect(withHuskyLine('', 9)).toBe(`${HUSKY_LINE}\n`);
  });

  it('is idempotent and replaces an older or duplicated line in place', () => {
    const once = withHuskyLine('npm test\n', 9);
    expect(withHuskyLine(once, 9)).toBe(once);
    const old =
      'npm test\nold-seg-hook-call # added by seg-hook install\nnpm run lint\n# added by seg-hook install\n';
    expect(withHuskyLine(old, 9)).toBe(`npm test\n${HUSKY_LINE}\nnpm run lint\n`);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    expect(withHuskyLine('npm test\r\nnpm run lint', 9)).toBe(
      `${HUSKY_LINE}\r\nnpm test\r\nnpm run lint`,
    );
  });

  it('removal takes only our line and restores the file exactly', () => {
    for (const original of [
      'npm test\n',
      '#!/bin/sh\nnpm test\nexit 0',
      'a\r\nb\r\n',
      huskyBase(8) + 'npm test\n',
    ]) {
      const installed = withHuskyLine(original, 8);
      expect(hasHuskyLine(installed)).toBe(true);
      expect(withoutHuskyLine(installed)).toBe(original);
    }
  });

  it('tells a file with only a header apart from one with commands', () => {
    expect(isHeaderOnly(huskyBase(8))).toBe(true);
    expect(isHeaderOnly('')).toBe(true);
    expect(isHeaderOnly('#!/bin/sh\n\n')).toBe(true);
    expect(isHeaderOnly('#!/bin/sh\nnpm test\n')).toBe(false);
  });

  it('fails the commit when the helper fails, with or without sh -e', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-line-'));
    try {
      fs.writeFileSync(`${dir}/seg-hook.sh`, 'exit 3\n');
      fs.writeFileSync(
        `${dir}/pre-commit`,
        withHuskyLine('echo after > "$(dirname -- "$0")/after"\n', 9),
      );
      expect(spawnSync('sh', [`${dir}/pre-commit`]).status).toBe(3);
      expect(spawnSync('sh', ['-e', `${dir}/pre-commit`]).status).toBe(3);
      expect(fs.existsSync(`${dir}/after`)).toBe(false);
      fs.writeFileSync(`${dir}/seg-hook.sh`, 'exit 0\n');
      expect(spawnSync('sh', ['-e', `${dir}/pre-commit`]).status).toBe(0);
      expect(fs.existsSync(`${dir}/after`)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what an existing hook already runs', () => {
  it('finds seg-hook and lint-staged command lines, not comments or our own line', () => {
    const hook = `#!/bin/sh\n# seg-hook is great\n${HUSKY_LINE}\ncd app && npx lint-staged\nnode_modules/.bin/seg-hook --staged\n`;
    expect(findSegHookInvocation(hook)).toEqual({
      line: 5,
      text: 'node_modules/.bin/seg-hook --staged',
    });
    expect(findLintStagedInvocation(hook)?.line).toBe(4);
    expect(findSegHookInvocation('sh .husky/seg-hook.sh\necho my-seg-hooker\n')).toBeNull();
    expect(findLintStagedInvocation('# npx lint-staged\n')).toBeNull();
  });

  it('flags npx invocations', () => {
    expect(usesNpx({ line: 1, text: 'npx seg-hook --staged' })).toBe(true);
    expect(usesNpx({ line: 1, text: 'npm exec seg-hook' })).toBe(true);
    expect(usesNpx({ line: 1, text: 'node_modules/.bin/seg-hook' })).toBe(false);
  });
});

describe('core.hooksPath scope', () => {
  it('parses git config --show-scope --show-origin output', () => {
    expect(parseSetting('')).toBeNull();
    expect(parseSetting('global\tfile:/home/u/.gitconfig\t/home/u/hooks\n')).toEqual({
      scope: 'global',
      origin: '/home/u/.gitconfig',
      value: '/home/u/hooks',
    });
  });
  it("treats only local and worktree settings as the repository's own", () => {
    const setting = (scope: string) => ({ scope, origin: 'x', value: 'y' });
    expect(isSharedSetting(null)).toBe(false);
    expect(isSharedSetting(setting('local'))).toBe(false);
    expect(isSharedSetting(setting('worktree'))).toBe(false);
    expect(isSharedSetting(setting('global'))).toBe(true);
    expect(isSharedSetting(setting('system'))).toBe(true);
    expect(isSharedSetting(setting('command'))).toBe(true);
  });
});
