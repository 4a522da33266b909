/**
 * Shell that more than one hook template needs lives once, as a fragment file in hooks/, and is
 * inlined at its `@PLACEHOLDER@` line of each template, so the project hook and the
 * machine-wide dispatcher cannot drift apart: the bypass rule (src/cli/bypass.ts in plain sh)
 * and the copy of a pre-push hook's standard input.
 */
import fs from 'node:fs';
import path from 'node:path';

const FRAGMENTS: Record<string, string> = {
  BYPASS_RULE: 'bypass-rule.sh',
  STDIN_COPY: 'stdin-copy.sh',
};
const PLACEHOLDER_LINE = /^([ \t]*)@(BYPASS_RULE|STDIN_COPY)@$/gm;

/** `template` with each fragment inlined, read from `hooksDir` (the template's folder). */
export function inlineFragments(template: string, hooksDir: string): string {
  return template.replace(PLACEHOLDER_LINE, (_line, indent: string, name: string) =>
    readFragment(path.join(hooksDir, FRAGMENTS[name]))
      .map((line) => (line === '' ? line : indent + line))
      .join('\n'),
  );
}

function readFragment(file: string): string[] {
  return fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trimEnd().split('\n').slice(1); // the first line says the file is a fragment; the hooks need not repeat it
}
