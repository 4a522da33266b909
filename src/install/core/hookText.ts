/**
 * Reading a hook script's text line by line: the line install adds (edited in
 * husky/huskyLine.ts), and what an existing hook already runs. Pure string functions.
 */
import { HookKind, PRE_COMMIT } from './hookKinds';

const OUR_LINE = /#\s*added by seg-hook install\b/;
/** `seg-hook` as a command word (not seg-hook.sh, not some-seg-hook). */
const SEG_HOOK_COMMAND = /(^|[\s/'"`;&|(=])seg-hook(?=$|[\s'"`;&|)])/;
const SEG_HOOK_PUSH_SCAN = new RegExp(
  `${SEG_HOOK_COMMAND.source}.*\\s(pre-push|--range)(?=$|[\\s='"\`;&|)])`,
);
const LINT_STAGED_COMMAND = /(^|[\s/'"`;&|(=])lint-staged(?=$|[\s'"`;&|)])/;

interface Lines {
  lines: string[];
  eol: string;
  finalNewline: boolean;
}

export function splitLines(content: string): Lines {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = content.endsWith('\n');
  const body = finalNewline ? content.slice(0, content.endsWith('\r\n') ? -2 : -1) : content;
  return { lines: body === '' ? [] : body.split(/\r?\n/), eol, finalNewline };
}

export function joinLines({ lines, eol, finalNewline }: Lines): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalNewline ? eol : '');
}

export function isOurLine(line: string): boolean {
  return OUR_LINE.test(line);
}

function isComment(line: string): boolean {
  return line.trim().startsWith('#');
}

export interface Invocation {
  /** 1-based line number. */
  line: number;
  text: string;
}

function findCommand(content: string, command: RegExp): Invocation | null {
  const { lines } = splitLines(content);
  const index = lines.findIndex(
    (line) => !isComment(line) && !isOurLine(line) && command.test(line),
  );
  return index === -1 ? null : { line: index + 1, text: lines[index].trim() };
}

/**
 * A line of a hook we did not write that runs seg-hook itself. In a pre-push hook only a scan of
 * commits counts (`seg-hook pre-push`, `seg-hook --range …`): `--staged` there scans no push.
 */
export function findSegHookInvocation(
  content: string,
  hook: HookKind = PRE_COMMIT,
): Invocation | null {
  return findCommand(content, hook.name === 'pre-push' ? SEG_HOOK_PUSH_SCAN : SEG_HOOK_COMMAND);
}

export function findLintStagedInvocation(content: string): Invocation | null {
  return findCommand(content, LINT_STAGED_COMMAND);
}

export function usesNpx(invocation: Invocation): boolean {
  return (
    /(^|[\s;&|(])(npx|pnpx|bunx)\s/.test(invocation.text) || /\bnpm\s+exec\b/.test(invocation.text)
  );
}
