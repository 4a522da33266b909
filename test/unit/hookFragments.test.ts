/**
 * Shell that both hook templates need is written once, in a fragment of hooks/, and inlined at
 * load time: the project hook and the machine-wide dispatcher hold the very same lines.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadTemplate, templateFile } from '../../src/install/core/hookTemplate';

const HOOKS = path.join(__dirname, '..', '..', 'hooks');

/** A fragment's lines as inlined: without its first (descriptive) line. */
function fragmentLines(name: string): string[] {
  return fs.readFileSync(path.join(HOOKS, name), 'utf8').trimEnd().split('\n').slice(1);
}

const TEMPLATES: Array<[string, string]> = [
  ['the project hook', 'pre-commit.sh'],
  ['the machine-wide dispatcher', 'global-hook.sh'],
];

describe.each(TEMPLATES)('%s', (_name, file) => {
  const raw = fs.readFileSync(path.join(HOOKS, file), 'utf8');
  const loaded = loadTemplate(templateFile(file as 'pre-commit.sh' | 'global-hook.sh'));

  test('copies pre-push stdin through hooks/stdin-copy.sh, not a copy of its own', () => {
    expect(raw).toMatch(/^[ \t]*@STDIN_COPY@$/m);
    expect(raw).not.toContain('mktemp');
    const lines = fragmentLines('stdin-copy.sh');
    expect(lines.join('\n')).toContain('mktemp');
    const indent = /^([ \t]*)@STDIN_COPY@$/m.exec(raw)![1];
    expect(loaded).toContain(lines.map((line) => indent + line).join('\n'));
    expect(loaded.split('mktemp').length).toBe(2); // exactly one copy after inlining
  });

  test('holds the bypass rule through hooks/bypass-rule.sh', () => {
    expect(raw).toMatch(/^[ \t]*@BYPASS_RULE@$/m);
    expect(raw).not.toContain('seg_hook_skip=yes');
    expect(loaded).toContain('seg_hook_skip=yes');
  });

  test('leaves no fragment placeholder and no descriptive fragment line', () => {
    expect(loaded).not.toMatch(/@(STDIN_COPY|BYPASS_RULE)@/);
    expect(loaded).not.toContain('A fragment, not a hook');
  });
});
