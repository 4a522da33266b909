/**
 * Tokens that an encoder wrapped across lines: MIME base64 (`base64`, `openssl base64`, PEM
 * bodies, e-mail: 60 to 80 columns) and quoted-printable soft line breaks (`=` at the end of
 * a line). A token's base64 (~90 characters) always spans two lines of `base64` output.
 *
 * The joiner is shown the scanner's whole short lines in order; while the last ones are
 * wrapped lines (decode/gate.ts wrapOf), it joins them to the next line as the decoder would
 * read them (no line break, no indentation, no soft-break `=`) and reports the tokens that
 * cross into the new line, at the line and column where they start.
 */
import { wrapOf } from '../decode/gate';
import { EncodingFilter } from '../decode/stage';
import { ALLOW_MARKER } from './allowMarker';
import { findEncodedTokens, mayHoldEncodedToken } from './encodedTokens';
import { LineMatch } from './lineScanner';
import { findTokenCandidates, TOKEN_PREFIX, TokenCandidate } from './tokenRules';

/** Lines kept before the new one: a token under two base64 layers spans three lines. */
const BLOCK_LINES = 2;
/** Characters of the new line joined to the block. */
const HEAD = 256;

interface BlockLine {
  line: number;
  bytes: Buffer;
  /** Where the joined text's part for this line starts and ends in `bytes`. */
  from: number;
  to: number;
  wrap: ReturnType<typeof wrapOf>;
}

export interface WrappedMatches {
  /** The line the token starts on. */
  line: number;
  matches: LineMatch[];
  placeholders: number;
}

export class WrapJoiner {
  private block: BlockLine[] = [];
  /** Tokens reported, by line and offset, with the length read: a longer reading replaces. */
  private readonly reported = new Map<string, number>();

  constructor(private readonly decode: EncodingFilter | null) {}

  /**
   * Whether the last line shown may go on in the next one (the fast lane must not skip it). A
   * field, not a getter: the fast lane reads it for every line of a large commit.
   */
  expectsNext = false;

  /** A line that is not shown (another file, a long line): the block ends. */
  break(): void {
    this.expectsNext = false;
    if (this.block.length) this.block = [];
    if (this.reported.size) this.reported.clear();
  }

  /** The next added line of the same file (`bytes` without its '\n'). */
  line(line: number, bytes: Buffer): WrappedMatches[] {
    const previous = this.block[this.block.length - 1];
    const joinable = previous !== undefined && previous.wrap !== null && previous.line + 1 === line;
    const continuesBase64 = joinable && previous.wrap === 'base64';
    const results = joinable ? this.join(continuesBase64, line, bytes) : [];
    const wrap = wrapOf(bytes, 0, bytes.length);
    this.expectsNext = wrap !== null;
    if (wrap === null) {
      this.block = [];
      return results;
    }
    if (!joinable) this.block = [];
    const content = contentOf(bytes, wrap, continuesBase64);
    this.block.push({ line, bytes: Buffer.from(bytes), ...content, wrap });
    if (this.block.length > BLOCK_LINES) this.block.shift();
    return results;
  }

  private join(base64: boolean, line: number, bytes: Buffer): WrappedMatches[] {
    const head = contentOf(bytes.subarray(0, HEAD), null, base64);
    const parts = [...this.block, { line, bytes, ...head, wrap: null }];
    const starts: number[] = [];
    let text = '';
    for (const part of parts) {
      starts.push(text.length);
      text += part.bytes.toString('latin1', part.from, part.to);
    }
    const boundary = starts[starts.length - 1];
    // Nothing of a token in the block: the common case of a base64 blob.
    const near = text.slice(0, boundary + 64);
    const plainNear = near.includes(TOKEN_PREFIX) || endsWithPrefixPiece(text, boundary);
    const encodedNear = this.decode !== null && mayHoldEncodedToken(near);
    if (!plainNear && !encodedNear) return [];

    const found: { candidate: TokenCandidate; encoding?: LineMatch['encoding'] }[] = [];
    if (plainNear) for (const candidate of findTokenCandidates(text)) found.push({ candidate });
    if (encodedNear && this.decode) {
      for (const { candidate, encoding } of findEncodedTokens(text, this.decode).tokens) {
        found.push({ candidate, encoding });
      }
    }
    const byLine = new Map<number, WrappedMatches>();
    for (const { candidate, encoding } of found) {
      if (!(candidate.start < boundary && boundary < candidate.end)) continue;
      let index = starts.length - 1;
      while (starts[index] > candidate.start) index--;
      const part = parts[index];
      const offset = part.from + candidate.start - starts[index];
      const key = `${part.line}:${offset}`;
      if ((this.reported.get(key) ?? 0) >= candidate.token.length) continue;
      this.reported.set(key, candidate.token.length);
      if (part.bytes.includes(ALLOW_MARKER)) continue;
      const entry = byLine.get(part.line) ?? { line: part.line, matches: [], placeholders: 0 };
      byLine.set(part.line, entry);
      if (candidate.placeholder) {
        entry.placeholders += 1;
        continue;
      }
      const column = part.bytes.toString('utf8', 0, offset).length + 1;
      // The span on the line it starts on.
      const endColumn = part.bytes.toString('utf8', 0, part.to).length + 1;
      entry.matches.push({ candidate, column, endColumn, ...(encoding ? { encoding } : {}) });
    }
    return [...byLine.values()];
  }
}

/** `sgp_` cut by a soft break: the joined text holds it whole, but no line did. */
function endsWithPrefixPiece(text: string, boundary: number): boolean {
  const around = text.slice(
    Math.max(0, boundary - TOKEN_PREFIX.length),
    boundary + TOKEN_PREFIX.length,
  );
  return around.includes(TOKEN_PREFIX);
}

/** The part of a line that the joined text holds: no '\r', no soft-break '=', no indentation. */
function contentOf(
  bytes: Buffer,
  wrap: ReturnType<typeof wrapOf>,
  continuesBase64: boolean,
): { from: number; to: number } {
  let to = bytes.length;
  if (to > 0 && bytes[to - 1] === 0x0d) to--;
  if (wrap === 'soft-break') to--;
  let from = 0;
  if (wrap === 'base64' || continuesBase64) {
    while (from < to && (bytes[from] === 0x20 || bytes[from] === 0x09)) from++;
  }
  return { from, to };
}
