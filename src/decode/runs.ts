/**
 * Runs of letters and digits long enough to be base64 or hex of an encoded token. Base64 of
 * printable ASCII (and of UTF-16 of it) holds no `+`, `/`, `-` or `_`: every 6-bit group of
 * such bytes is below 62. So base64 or hex of a token under any inner encoding is one run of
 * letters and digits at least RUN_MIN long (base64 of 21 bytes: `sgp%5F` + 16).
 */
import { isBase64Code } from './base64';
import { isHexCode } from './escapeSyntax';

export const RUN_MIN = 28;

function isAlnum(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

/**
 * The stretches of `text[from, to)` at least `min` long whose characters all pass `test`,
 * looking at every `min`-th character first (a stretch that long holds one of them).
 */
function stretchesOf(
  text: string,
  from: number,
  to: number,
  min: number,
  test: (code: number) => boolean,
  most = Infinity,
  accept: (stretch: { from: number; to: number }) => boolean = () => true,
): { from: number; to: number }[] {
  const found: { from: number; to: number }[] = [];
  let lastEnd = from;
  for (let probe = from + min - 1; probe < to;) {
    if (!test(text.charCodeAt(probe))) {
      probe += min;
      continue;
    }
    let start = probe;
    while (start > lastEnd && test(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < to && test(text.charCodeAt(end))) end++;
    const stretch = { from: start, to: end };
    if (end - start >= min && accept(stretch) && found.push(stretch) >= most) break;
    lastEnd = end;
    probe = end + min;
  }
  return found;
}

/**
 * Whether `text` holds a run of letters and digits at least `min` long (stops at the first),
 * other than one right after `unless` (a token's own body after its prefix).
 */
export function hasAlnumRunIn(text: string, min: number, unless = ''): boolean {
  const accept = (run: { from: number }) =>
    !(unless && text.startsWith(unless, run.from - unless.length));
  return stretchesOf(text, 0, text.length, min, isAlnum, 1, accept).length > 0;
}

/** The next run of letters and digits at least `min` long from `start` on, or null. */
export function nextAlnumRun(
  text: string,
  start: number,
  min: number,
): { from: number; to: number } | null {
  return stretchesOf(text, start, text.length, min, isAlnum, 1)[0] ?? null;
}

/** Stretches of hex digits at least `min` long. */
export function hexRuns(text: string, min: number): { from: number; to: number }[] {
  return stretchesOf(text, 0, text.length, min, isHexCode);
}

/** The run of base64 characters (both alphabets) around an alphanumeric run. */
export function base64RunAround(
  text: string,
  run: { from: number; to: number },
): { from: number; to: number } {
  let from = run.from;
  while (from > 0 && isBase64Code(text.charCodeAt(from - 1))) from--;
  // The end by the regex engine: a data: URI is tens of kilobytes of one run.
  NOT_BASE64.lastIndex = run.to;
  const end = NOT_BASE64.exec(text);
  return { from, to: end ? end.index : text.length };
}

const NOT_BASE64 = /[^A-Za-z0-9+/_-]/g;

/**
 * Runs of at least `min` letters and digits written as UTF-16 (each beside a NUL, either byte
 * order), from the start of a pair. Only text that holds a NUL is looked at.
 */
export function utf16Runs(text: string, min: number): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  if (text.indexOf('\0') === -1) return runs;
  for (const order of [0, 1]) {
    // order 0: letter then NUL (little-endian); 1: NUL then letter (big-endian).
    let from = -1;
    let at = 0;
    for (; at + 1 < text.length; at += from === -1 ? 1 : 2) {
      const letter = text.charCodeAt(at + order);
      const nul = text.charCodeAt(at + 1 - order);
      const pair = nul === 0 && isAlnum(letter);
      if (pair && from === -1) from = at;
      else if (!pair && from !== -1) {
        if ((at - from) / 2 >= min) runs.push({ from, to: at });
        from = -1;
      }
    }
    if (from !== -1 && (at - from) / 2 >= min) runs.push({ from, to: at });
  }
  return runs;
}

/** The same on bytes, for the fast lane: whether `bytes[start, end)` holds such a run. */
export function hasUtf16Run(bytes: Uint8Array, start: number, end: number, min = RUN_MIN): boolean {
  for (const order of [0, 1]) {
    let pairs = 0;
    for (let at = start; at + 1 < end;) {
      if (bytes[at + 1 - order] === 0 && isAlnum(bytes[at + order])) {
        if (++pairs >= min) return true;
        at += 2;
      } else {
        pairs = 0;
        at += 1;
      }
    }
  }
  return false;
}

/**
 * The same on bytes, for the scanner's fast lane: whether `bytes[start, end)` holds such a
 * run, without copying (the lane asks it of every line).
 */
export function hasAlnumRun(bytes: Uint8Array, start: number, end: number, min = RUN_MIN): boolean {
  let lastEnd = start;
  for (let probe = start + min - 1; probe < end;) {
    if (!isAlnum(bytes[probe])) {
      probe += min;
      continue;
    }
    let from = probe;
    while (from > lastEnd && isAlnum(bytes[from - 1])) from--;
    let to = probe + 1;
    while (to < end && isAlnum(bytes[to])) to++;
    if (to - from >= min) return true;
    lastEnd = to;
    probe = to + min;
  }
  return false;
}
