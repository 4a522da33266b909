/**
 * The token rules, as pure functions over one line (or one segment of a long line).
 *
 * `segment-public-api-token`: `sgp_` + 16 or more ASCII letters/digits, not preceded by a
 * letter, digit or `_` unless that character ends an escape (decode/escapeSyntax.ts endsEscape). A body made of
 * words is an identifier or a written placeholder (wordBody.ts). The seed document's pattern is `sgp_[a-zA-Z0-9]{16,32}`; real tokens
 * carry 64 characters; we report the whole run of letters/digits either way.
 *
 * Sourcegraph access tokens share the `sgp_` prefix (`sgp_<40 hex>`, `sgp_<16 hex>_<40 hex>`,
 * `sgp_local_<40 hex>`). They are a different credential: labelled `sourcegraph-access-token`.
 */
import { endsEscape } from '../decode/escapeSyntax';
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

/** `<16 hex>_<40 hex>`: the longest run a Sourcegraph token has after its prefix. */
const MAX_SOURCEGRAPH_RUN = 57;

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

    // The run of letters, digits and '_' after the prefix decides the shape. It is read no
    // further than the longest Sourcegraph shape: a longer run is none of them (and reading
    // it whole for every `sgp_` in `sgp_sgp_sgp_…` would be quadratic).
    let runEnd = from;
    const longest = from + MAX_SOURCEGRAPH_RUN + 1;
    while (runEnd < text.length && runEnd < longest && isTokenChar(text.charCodeAt(runEnd)))
      runEnd++;
    const run = text.slice(from, runEnd);
    if (runEnd < longest && SOURCEGRAPH_SHAPES.some((shape) => shape.test(run))) {
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
    while (bodyEnd < text.length && isAlphanumeric(text.charCodeAt(bodyEnd))) bodyEnd++;
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
