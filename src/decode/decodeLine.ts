/**
 * The decoding stage: from one line (or segment) of bytes, the `sgp_` tokens written under
 * an encoding, each with the span of its encoded form in the line and its chain of
 * encodings, outermost first. Decoding starts only at a hit of an encoded form of `sgp_`
 * (codecs.ts formsOf), decodes a bounded window around it, and looks again inside that window
 * (to MAX_DEPTH). Work per line is capped: hostile input cannot make a commit slow.
 */
import { findTokenCandidates, TOKEN_PREFIX, TokenCandidate } from '../detect/tokenRules';
import { DecodedWindow, Encoding, Form } from './codec';
import { CODECS, formsOf, MAX_DEPTH } from './codecs';
import { decodeEscapes } from './escapes';
import { decodePercent } from './percent';

export interface EncodedToken {
  candidate: TokenCandidate;
  /** Outermost first: ['base64'] or ['base64', 'percent']. */
  encoding: Encoding[];
}

/** Hits decoded per form per window: more is not a real file. */
const MAX_HITS_PER_FORM = 32;
/** Decoded characters per line, all windows together. */
export const MAX_DECODED_PER_LINE = 256 * 1024;

interface Searcher {
  form: Form;
  pattern: RegExp;
}

function searcherFor(form: Form): Searcher {
  const source = [...form.needle]
    .map((ch) => {
      if (form.hexAnyCase && /[a-fA-F]/.test(ch)) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
      return ch === '\0' ? '\\x00' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { form, pattern: new RegExp(source, 'g') };
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
    pattern.lastIndex = 0;
    for (let hits = 0; hits < MAX_HITS_PER_FORM; hits++) {
      const match = pattern.exec(text);
      if (!match || budget.left <= 0) break;
      const hit = match.index;
      const window = CODECS[form.encoding].decode(text, hit, form);
      if (!window) continue;
      budget.left -= window.text.length;
      const outer = [...chain, form.encoding];
      const windowToSource: SpanMap = (start, end) =>
        toSource(window.starts[start], window.ends[end - 1]);
      report(window, hit, hit + form.needle.length, outer, windowToSource, found);
      if (depth + 1 < MAX_DEPTH) {
        scan(window.text, depth + 1, outer, windowToSource, enabled, budget, found);
      }
    }
  }
  // A base64 or hex run may itself be percent-encoded or escaped (`%2B`, `\/`): decode those
  // first, around each hit of a form of common characters, and look again.
  if (depth + 1 < MAX_DEPTH) unwrapAroundHits(text, depth, chain, toSource, enabled, budget, found);
}

function unwrapAroundHits(
  text: string,
  depth: number,
  chain: Encoding[],
  toSource: SpanMap,
  enabled: EncodingFilter,
  budget: { left: number },
  found: Map<string, EncodedToken>,
): void {
  for (const [encoding, marker, decode] of WRAPPERS) {
    if (!enabled(encoding) || text.indexOf(marker) === -1) continue;
    for (const { form, pattern } of allSearchers()) {
      if (form.chain.length !== 1 || (form.encoding !== 'base64' && form.encoding !== 'hex'))
        continue;
      pattern.lastIndex = 0;
      const match = pattern.exec(text);
      if (!match || budget.left <= 0) continue;
      const from = Math.max(0, match.index - 64);
      const window = decode(text, from, match.index + 4096);
      if (window.text === text.slice(from, from + window.text.length)) continue;
      budget.left -= window.text.length;
      const windowToSource: SpanMap = (start, end) =>
        toSource(window.starts[start], window.ends[end - 1]);
      scan(window.text, depth + 1, [...chain, encoding], windowToSource, enabled, budget, found);
    }
  }
}

const WRAPPERS: [Encoding, string, (text: string, from: number, to: number) => DecodedWindow][] = [
  ['percent', '%', decodePercent],
  ['escape', '\\', decodeEscapes],
];

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
    // One token per encoded start: a window cut short (a base64 run broken by `%2B` before it
    // was percent-decoded) gives a shorter reading of the same token.
    const key = String(start);
    const known = found.get(key);
    if (known && known.candidate.token.length >= candidate.token.length) continue;
    found.set(key, { candidate: { ...candidate, start, end }, encoding });
  }
}
