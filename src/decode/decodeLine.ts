/**
 * The decoding stage: from one line (or segment) of bytes, the `sgp_` tokens written under
 * an encoding, each with the span of its encoded form in the line and its chain of
 * encodings, outermost first. Decoding starts only at a hit of an encoded form of `sgp_`
 * (codecs.ts formsOf), decodes a bounded window around it, and looks again inside that window
 * (to MAX_DEPTH). Work per line is capped: hostile input cannot make a commit slow.
 */
import { literalSource } from '../detect/findingNeedles';
import { findTokenCandidates, TOKEN_PREFIX, TokenCandidate } from '../detect/tokenRules';
import { DecodedWindow, Encoding, Form } from './codec';
import { CODECS, formsOf, MAX_DEPTH } from './codecs';

export interface EncodedToken {
  candidate: TokenCandidate;
  /** Outermost first: ['base64'] or ['base64', 'percent']. */
  encoding: Encoding[];
}

/** Hits decoded per form per window: more is not a real file. */
export const MAX_HITS_PER_FORM = 32;
/** Decoded characters per line, all windows together. */
export const MAX_DECODED_PER_LINE = 256 * 1024;

interface Searcher {
  form: Form;
  pattern: RegExp;
}

function searcherFor(form: Form): Searcher {
  return { form, pattern: new RegExp(literalSource(form.needle, form.hexAnyCase), 'g') };
}

let searchers: Searcher[] | null = null;

function allSearchers(): Searcher[] {
  searchers ??= formsOf(TOKEN_PREFIX).map(searcherFor);
  return searchers;
}

export type EncodingFilter = (encoding: Encoding) => boolean;

/**
 * The encoded tokens of `text` (one character per byte: a Buffer read as latin1). Positions
 * are offsets in `text`.
 */
export function findEncodedTokens(text: string, enabled: EncodingFilter): EncodedToken[] {
  const found = new Map<string, EncodedToken>();
  const budget = { left: MAX_DECODED_PER_LINE };
  scan(text, 0, [], (start, end) => [start, end], enabled, budget, found);
  return [...found.values()].sort((a, b) => a.candidate.start - b.candidate.start);
}

type SpanMap = (start: number, end: number) => [number, number];

function scan(
  text: string,
  depth: number,
  chain: Encoding[],
  toSource: SpanMap,
  enabled: EncodingFilter,
  budget: { left: number },
  found: Map<string, EncodedToken>,
): void {
  for (const { form, pattern } of allSearchers()) {
    if (form.chain.length > MAX_DEPTH - depth) continue;
    if (!form.chain.every(enabled)) continue;
    // The hits first: the patterns are shared, and the search inside a window reuses them.
    const hits: number[] = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match && hits.length < MAX_HITS_PER_FORM;) {
      hits.push(match.index);
      match = pattern.exec(text);
    }
    for (const hit of hits) {
      if (budget.left <= 0) break;
      const window = CODECS[form.encoding].decode(text, hit, form);
      if (!window) continue;
      budget.left -= window.text.length;
      const outer = [...chain, form.encoding];
      const windowToSource: SpanMap = (start, end) =>
        toSource(window.starts[start], window.ends[end - 1]);
      report(window, hit, hit + form.needle.length, outer, windowToSource, found);
      // Base64 of letters and digits holds no `+` or `/`, so a percent-encoded or escaped
      // base64 value needs no unwrapping to be read: only what is outside the token changes.
      if (depth + 1 < MAX_DEPTH) {
        scan(window.text, depth + 1, outer, windowToSource, enabled, budget, found);
      }
    }
  }
}

/** Tokens of the window whose prefix came from the hit (the rest of a window is not ours). */
function report(
  window: DecodedWindow,
  hitStart: number,
  hitEnd: number,
  encoding: Encoding[],
  toSource: SpanMap,
  found: Map<string, EncodedToken>,
): void {
  // The decoded bytes before a token may be anything (`user:`, a length byte, a field name):
  // the form that led here is what marks it, so no left boundary is asked for.
  for (const candidate of findTokenCandidates(window.text, false, false)) {
    const prefixFrom = window.starts[candidate.start];
    const prefixTo = window.ends[candidate.start + TOKEN_PREFIX.length - 1];
    if (prefixTo <= hitStart || prefixFrom >= hitEnd) continue;
    const [start, end] = toSource(candidate.start, candidate.end);
    // One finding per token and place. A window cut short (a base64 run broken by `%2B`)
    // gives a shorter reading of the same token; a window of escapes passes the text after it
    // through, so a base64 token there is also read as escape>base64: the shortest chain, then
    // the longest token, is kept.
    const overlapping = [...found].find(
      ([, known]) =>
        known.candidate.start < end &&
        start < known.candidate.end &&
        (known.candidate.token.startsWith(candidate.token) ||
          candidate.token.startsWith(known.candidate.token)),
    );
    if (overlapping) {
      const [knownKey, known] = overlapping;
      const better =
        encoding.length < known.encoding.length ||
        (encoding.length === known.encoding.length &&
          candidate.token.length > known.candidate.token.length);
      if (!better) continue;
      found.delete(knownKey);
    }
    const key = `${start}:${encoding.join('>')}`;
    found.set(key, { candidate: { ...candidate, start, end }, encoding });
  }
}
