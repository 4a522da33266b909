/**
 * Line-level edits and reads of a hook script's text: the one line install adds to a husky
 * hook file, and what an existing hook already runs. Pure string functions.
 */
import { HookKind, PRE_COMMIT } from './hookKinds';

/** The pre-commit helper and line (the pre-push ones are in hookKinds.ts). */
export const HUSKY_LINE = PRE_COMMIT.huskyLine;
const OUR_LINE = /#\s*added by seg-hook install\b/;
/** What husky v8 puts at the top of a hook (it re-runs the script under `sh -e`). */
export const HUSKY_V8_HEADER = ['#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"'];
const HUSKY_SOURCE_LINE = /^\s*(\.|source)\s+.*husky\.sh["']?\s*$/;
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

function splitLines(content: string): Lines {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = content.endsWith('\n');
  const body = finalNewline ? content.slice(0, content.endsWith('\r\n') ? -2 : -1) : content;
  return { lines: body === '' ? [] : body.split(/\r?\n/), eol, finalNewline };
}

function joinLines({ lines, eol, finalNewline }: Lines): string {
  if (lines.length === 0) return '';
  return lines.join(eol) + (finalNewline ? eol : '');
}

export function isOurLine(line: string): boolean {
  return OUR_LINE.test(line);
}

function isComment(line: string): boolean {
  return line.trim().startsWith('#');
}

/** Index just past the shebang and husky's `. …/husky.sh` line: where our line goes. */
function headerEnd(lines: string[]): number {
  let end = 0;
  for (let i = 0; i < lines.length; i++) {
    if (i === 0 && lines[i].startsWith('#!')) end = 1;
    else if (HUSKY_SOURCE_LINE.test(lines[i])) end = i + 1;
    else if (lines[i].trim() !== '') break;
  }
  return end;
}

/** The file a husky hook is created with, before our line goes in. */
export function huskyBase(version: 8 | 9): string {
  return version === 8 ? `${HUSKY_V8_HEADER.join('\n')}\n\n` : '';
}

/**
 * `content` with exactly one up-to-date seg-hook line (`line`: the hook's), every other line
 * kept. The line goes first (after the shebang / husky header): a later `cd`, `exit` or `exec`
 * cannot skip it.
 */
export function withHuskyLine(
  content: string | null,
  version: 8 | 9,
  line: string = HUSKY_LINE,
): string {
  if (content === null) return `${huskyBase(version)}${line}\n`;
  const parsed = splitLines(content);
  if (parsed.lines.length === 0) parsed.finalNewline = true;
  const ours = parsed.lines.flatMap((line, index) => (isOurLine(line) ? [index] : []));
  if (ours.length > 0) {
    parsed.lines[ours[0]] = line;
    parsed.lines = parsed.lines.filter((_, index) => !ours.slice(1).includes(index));
  } else {
    parsed.lines.splice(headerEnd(parsed.lines), 0, line);
  }
  return joinLines(parsed);
}

/** `content` without the line(s) install added; every other line kept as it was. */
export function withoutHuskyLine(content: string): string {
  const parsed = splitLines(content);
  parsed.lines = parsed.lines.filter((line) => !isOurLine(line));
  return joinLines(parsed);
}

export function hasHuskyLine(content: string): boolean {
  return splitLines(content).lines.some(isOurLine);
}

/** Nothing but a shebang, husky's header and blank lines: a file that does nothing. */
export function isHeaderOnly(content: string): boolean {
  return splitLines(content).lines.every(
    (line, index) =>
      line.trim() === '' || (index === 0 && line.startsWith('#!')) || HUSKY_SOURCE_LINE.test(line),
  );
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
