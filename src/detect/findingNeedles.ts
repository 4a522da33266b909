/**
 * What a line must contain before any rule can report on it: `sgp_` (the token rules), or a
 * Segment credential name — "segment", optional "api" and "access", then "token", "key" or
 * "secret", in any case, with separators between (the assignment rule). Lines without one
 * are skipped wholesale: by git (`-G`) and by the scanner's fast lane. Both patterns are
 * supersets of what the rules need; a unit test holds them to it.
 */
const SEPARATORS = '[^A-Za-z0-9]*';

function anyCase(word: string): string {
  return [...word].map((ch) => `[${ch.toUpperCase()}${ch}]`).join('');
}

/** POSIX extended regex for `git diff -G` (matched per line, in the C locale). */
export const NEEDLE_ERE =
  `sgp_|${anyCase('segment')}${SEPARATORS}(${anyCase('api')}${SEPARATORS})?` +
  `(${anyCase('access')}${SEPARATORS})?(${anyCase('token')}|${anyCase('key')}|${anyCase('secret')})`;

/**
 * The same for JavaScript, over a chunk decoded as latin1 (one character per byte, so match
 * offsets are byte offsets). Separators exclude '\n' so a match never spans two lines.
 */
export function needlePattern(): RegExp {
  return /sgp_|segment[^a-z0-9\n]*(?:api[^a-z0-9\n]*)?(?:access[^a-z0-9\n]*)?(?:token|key|secret)/gi;
}
