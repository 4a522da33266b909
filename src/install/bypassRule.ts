/**
 * The hooks' copy of the bypass rule (src/cli/bypass.ts in plain sh) lives once, in
 * hooks/bypass-rule.sh, and is inlined into each hook template at its `@BYPASS_RULE@` line, so
 * the project hook and the machine-wide dispatcher cannot drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';

const PLACEHOLDER = /^([ \t]*)@BYPASS_RULE@$/m;

/** `template` with the rule inlined; the rule is read from `hooksDir` (the template's folder). */
export function inlineBypassRule(template: string, hooksDir: string): string {
  if (!PLACEHOLDER.test(template)) return template;
  const lines = fs
    .readFileSync(path.join(hooksDir, 'bypass-rule.sh'), 'utf8')
    .replace(/\r\n/g, '\n')
    .trimEnd()
    .split('\n')
    .slice(1); // the first line says the file is a fragment; the hooks need not repeat it
  return template.replace(PLACEHOLDER, (_line, indent: string) =>
    lines.map((line) => (line === '' ? line : indent + line)).join('\n'),
  );
}
