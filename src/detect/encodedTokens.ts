/**
 * The token rules run on the decoding stage's pieces: the `sgp_` tokens of a text written
 * under encodings, each at the span of its encoded form in the text, with its chain.
 */
import { Encoding } from '../decode/codec';
import {
  DecodeBound,
  decodeText,
  EncodingFilter,
  sourceSpan,
  writtenEncoded,
} from '../decode/stage';
import { hasAlnumRunIn, RUN_MIN, utf16Runs } from '../decode/runs';
import { encodedNeedlePattern } from './findingNeedles';
import { findTokenCandidates, TOKEN_PREFIX, TokenCandidate } from './tokenRules';

let encodedNeedle: RegExp | undefined;

/**
 * Whether latin1 `text` may hold a token under an encoding: the way into the stage, asked of
 * each line (or joined block) that reaches the scanner. A token's own body is a run of letters
 * and digits too, but no encoding.
 */
export function mayHoldEncodedToken(text: string): boolean {
  encodedNeedle ??= encodedNeedlePattern();
  return (
    encodedNeedle.test(text) ||
    hasAlnumRunIn(text, RUN_MIN, TOKEN_PREFIX) ||
    utf16Runs(text, RUN_MIN).length > 0
  );
}

export interface EncodedToken {
  /** start/end: the span of the encoded form in the text. */
  candidate: TokenCandidate;
  /** Outermost first: ['base64'] or ['base64', 'percent']. */
  encoding: Encoding[];
}

export interface EncodedScan {
  tokens: EncodedToken[];
  /** Characters the stage decoded. */
  decoded: number;
  bound?: DecodeBound;
}

/** The encoded tokens of `text` (one character per byte: a Buffer read as latin1). */
export function findEncodedTokens(
  text: string,
  enabled: EncodingFilter,
  budget?: number,
): EncodedScan {
  const stage = decodeText(text, { plain: TOKEN_PREFIX, enabled, budget });
  const found = new Map<number, EncodedToken>();
  for (const piece of stage.pieces) {
    // The decoded bytes before a token may be anything (`user:`, a length byte, a field
    // name): the encoded prefix that led here marks it, so no left boundary is asked for.
    for (const candidate of findTokenCandidates(piece.text, false, false)) {
      // A token the piece passed through unchanged is the plain rules' to report.
      if (!writtenEncoded(piece, candidate.start, candidate.end)) continue;
      const [start, end] = sourceSpan(piece, candidate.start, candidate.end);
      keepBest(found, { candidate: { ...candidate, start, end }, encoding: piece.chain });
    }
  }
  const tokens = [...found.values()].sort((a, b) => a.candidate.start - b.candidate.start);
  return { tokens, decoded: stage.decoded, bound: stage.bound };
}

/**
 * One finding per token and place (its encoded form's start): a piece cut short gives a
 * shorter reading of the same token, and a piece of escapes passes a base64 token after it
 * through (read again as escape>base64). The shortest chain, then the longest token, is kept.
 */
function keepBest(found: Map<number, EncodedToken>, next: EncodedToken): void {
  const known = found.get(next.candidate.start);
  const better =
    !known ||
    next.encoding.length < known.encoding.length ||
    (next.encoding.length === known.encoding.length &&
      next.candidate.token.length > known.candidate.token.length);
  if (better) found.set(next.candidate.start, next);
}
