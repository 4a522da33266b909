/**
 * The one line install adds to a husky hook file (`.husky/pre-commit`, `.husky/pre-push`): put
 * in first, replaced, taken out, every other line kept. Pure string functions.
 */
import { PRE_COMMIT } from '../core/hookKinds';
import { isOurLine, joinLines, splitLines } from '../core/hookText';

/** The pre-commit helper and line (the pre-push ones are in hookKinds.ts). */
export const HUSKY_LINE = PRE_COMMIT.huskyLine;
/** What husky v8 puts at the top of a hook (it re-runs the script under `sh -e`). */
export const HUSKY_V8_HEADER = ['#!/usr/bin/env sh', '. "$(dirname -- "$0")/_/husky.sh"'];
const HUSKY_SOURCE_LINE = /^\s*(\.|source)\s+.*husky\.sh["']?\s*$/;

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
