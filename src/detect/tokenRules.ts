/**
 * The token rules, as pure functions over one line (or one segment of a long line).
 *
 * `segment-public-api-token`: `sgp_` + 16 or more ASCII letters/digits, not preceded by a
 * letter, digit or `_` unless that character ends an escape (see endsEscape). A body made of
 * words is an identifier or a written placeholder (wordBody.ts). The seed document's pattern is `sgp_[a-zA-Z0-9]{16,32}`; real tokens
 * carry 64 characters; we report the whole run of letters/digits either way.
 *
 * Sourcegraph access tokens share the `sgp_` prefix (`sgp_<40 hex>`, `sgp_<16 hex>_<40 hex>`,
 * `sgp_local_<40 hex>`). They are a different credential: labelled `sourcegraph-access-token`.
 */
import { RuleId } from '../types';
import { isPlaceholderBody } from './entropy';
import { isWordBody } from './wordBody';

export const TOKEN_PREFIX = 'sgp_';
export const MIN_BODY_LENGTH = 16;

export interface TokenCandidate {
  ruleId: RuleId;
  /** Offset of `sgp_` in the text (UTF-16 code units). */
  start: number;
  /** Offset just past the token. */
  end: number;
  token: string;
  /** Low-entropy body: a placeholder, not a finding. */
  placeholder: boolean;
}

const SOURCEGRAPH_SHAPES = [
  /^[0-9a-f]{40}$/,
  /^[0-9a-f]{16}_[0-9a-f]{40}$/,
  /^local_[0-9a-f]{40}$/,
];

/** [A-Za-z0-9_]: a character (or byte) that a token's run is made of. */
export function isTokenChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

function isAlphanumeric(code: number): boolean {
  return isTokenChar(code) && code !== 0x5f;
}

/**
 * All `sgp_` tokens in `text`. `precededByTokenChar` tells whether the character just before
 * `text` (in an earlier segment of the same line) was a letter, digit or `_`. `leftBoundary`
 * false: decoded bytes, where a length byte or a field name may touch the token.
 */
export function findTokenCandidates(
  text: string,
  precededByTokenChar = false,
  leftBoundary = true,
): TokenCandidate[] {
  const candidates: TokenCandidate[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(TOKEN_PREFIX, from);
    if (start === -1) return candidates;
    from = start + TOKEN_PREFIX.length;
    const before = start === 0 ? (precededByTokenChar ? 0x5f : -1) : text.charCodeAt(start - 1);
    if (leftBoundary && before !== -1 && isTokenChar(before) && !endsEscape(text, start)) continue;

    // The run of letters, digits and '_' after the prefix decides the shape.
    let runEnd = from;
    while (runEnd < text.length && isTokenChar(text.charCodeAt(runEnd))) runEnd++;
    const run = text.slice(from, runEnd);
    if (SOURCEGRAPH_SHAPES.some((shape) => shape.test(run))) {
      candidates.push({
        ruleId: 'sourcegraph-access-token',
        start,
        end: runEnd,
        token: text.slice(start, runEnd),
        placeholder: isPlaceholderBody(run.replace(/_/g, '')),
      });
      from = runEnd;
      continue;
    }
    let bodyEnd = from;
    while (bodyEnd < runEnd && isAlphanumeric(text.charCodeAt(bodyEnd))) bodyEnd++;
    const body = text.slice(from, bodyEnd);
    if (body.length >= MIN_BODY_LENGTH) {
      candidates.push({
        ruleId: 'segment-public-api-token',
        start,
        end: bodyEnd,
        token: TOKEN_PREFIX + body,
        placeholder: isPlaceholderBody(body) || isWordBody(body),
      });
    }
    from = bodyEnd;
  }
}

const HEX_DIGIT = /^[0-9A-Fa-f]+$/;

/**
 * Whether the letters/digits just before `end` close an escape sequence: `\n`, `\r`, `\t`
 * (behind any number of backslashes: JSON inside JSON doubles them), `\uXXXX`, `\xXX` or a
 * percent-escape `%XX`, whose `%` may itself be percent-encoded (`%253D`: a URL inside a URL
 * parameter), or a terminal style sequence (`ESC[1m`). A token right after one (`Bearer\n` +
 * token in a recorded HTTP fixture, `Bearer%20` + token in a URL) is a token; an `sgp_` after a
 * plain letter or digit is the tail of a longer identifier. Entities (`&quot;`, `&#34;`) end in
 * `;`, which is no token character, so they need no case here.
 */
export function endsEscape(text: string, end: number): boolean {
  const last = text.charCodeAt(end - 1);
  if ((last === 0x6e || last === 0x72 || last === 0x74) && text.charCodeAt(end - 2) === 0x5c)
    return true; // \n \r \t
  const hexTail = (length: number, lead: string): boolean =>
    end - length - lead.length >= 0 &&
    text.startsWith(lead, end - length - lead.length) &&
    HEX_DIGIT.test(text.slice(end - length, end));
  return (
    hexTail(4, '\\u') ||
    hexTail(2, '\\x') ||
    endsPercentEscape(text, end) ||
    (last === 0x6d && ANSI_STYLE_END.test(text.slice(Math.max(0, end - 32), end)))
  );
}

/**
 * A terminal colour or style sequence (`ESC[1m`, `ESC[0;32m`), raw or written as an escape
 * (`\x1b[`, `\033[`, `\u001b[`, `\e[`): saved CI logs and terminal recordings print tokens in
 * colour.
 */
// eslint-disable-next-line no-control-regex -- the raw ESC byte is what a saved log holds
const ANSI_STYLE_END = /(?:\x1b|\\x1b|\\033|\\u001b|\\e)\[[0-9;]*m$/i;

/** `%XX`, or `%25XX`, `%2525XX`…: a percent-escape, itself percent-encoded any number of times. */
function endsPercentEscape(text: string, end: number): boolean {
  let start = end - 2; // the two hex digits
  if (start < 1 || !HEX_DIGIT.test(text.slice(start, end))) return false;
  // Each "25" before them is the "%" of an inner encoding, encoded by an outer one.
  while (text.charCodeAt(start - 1) !== 0x25 && start >= 3 && text.startsWith('25', start - 2)) {
    start -= 2;
  }
  return text.charCodeAt(start - 1) === 0x25;
}
