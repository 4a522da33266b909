/**
 * Applies the token rules to added lines that arrive in segments (see diff/lineSplitter).
 *
 * Most lines never contain `sgp_`; they are checked on their raw bytes and never decoded.
 * Findings of a line are held until its last segment, because an inline allow marker may
 * come after the token.
 */
import { Encoding } from '../decode/codec';
import { DecodeBound, EncodingFilter } from '../decode/stage';
import { ALLOW_MARKER } from './allowMarker';
import {
  findAssignmentsWithNames,
  findCredentialAssignments,
  MAX_ASSIGNMENT_LENGTH,
} from './assignmentRule';
import { SEGMENT_WORD } from './credentialNames';
import { findEncodedTokens, mayHoldEncodedToken } from './encodedTokens';
import { findTokenCandidates, isTokenChar, TOKEN_PREFIX, TokenCandidate } from './tokenRules';

export interface LineMatch {
  candidate: TokenCandidate;
  /** 1-based column of the token in the whole line (UTF-16 code units). */
  column: number;
  endColumn: number;
  /** A token found under encodings: their chain, outermost first; the columns span the encoded form. */
  encoding?: Encoding[];
}

export interface LineOutcome {
  matches: LineMatch[];
  placeholders: number;
  /** Matches dropped because the line carries the allow marker. */
  allowed: number;
  /** Those matches themselves (a range scan reports a marker added in the range). */
  allowedMatches?: LineMatch[];
  /** Bounds the decoding stage reached on this line (the rest was scanned as plain text). */
  bounds?: DecodeBound[];
}

const PREFIX_BYTES = Buffer.from(TOKEN_PREFIX);
const SEGMENT_LOWER = Buffer.from(SEGMENT_WORD);
const SEGMENT_PATTERN = new RegExp(SEGMENT_WORD, 'i');
/** The middle pair of SEGMENT_WORD, its rarest (see mentionsSegment). */
const MIDDLE_PAIR = SEGMENT_WORD.slice(2, 4);
const GM_PAIRS = [0, 1, 2, 3].map((mask) =>
  Buffer.from([...MIDDLE_PAIR].map((ch, i) => (mask & (1 << i) ? ch.toUpperCase() : ch)).join('')),
);
const MARKER_BYTES = Buffer.from(ALLOW_MARKER);
/**
 * The end of a segment that is decoded again with the next one, so an encoded token across a
 * cut is read whole: longer than any token under three levels of encoding (a 64-character
 * token as `%255Cu0073…` is under 700 bytes).
 */
export const DECODE_CARRY = 4096;
const UTF16_BOMS = ['\xff\xfe', '\xfe\xff'];

/** Which encodings are decoded (all by default; config `decode`). */
export interface LineScannerOptions {
  /** null: no decoding at all. */
  decode?: EncodingFilter | null;
}

/** A segment read as latin1 once, for both the fast path and the stage. */
interface LatinRead {
  text: string;
  mayBeEncoded: boolean;
}

export class LineScanner {
  private readonly decode: EncodingFilter | null;
  private byteOffset = 0;

  constructor(options: LineScannerOptions = {}) {
    this.decode = options.decode === undefined ? () => true : options.decode;
  }

  private matches: LineMatch[] = [];
  private placeholders = 0;
  private allowMarkerSeen = false;
  private columnOffset = 0;
  private precededByTokenChar = false;
  private markerTail: Buffer = Buffer.alloc(0);
  /** The end of the previous segment's text, so an assignment across a cut is still seen. */
  private assignmentCarry = '';
  /** The end of the previous segment's bytes, decoded again with the next (DECODE_CARRY). */
  private decodeCarry: Buffer = Buffer.alloc(0);
  /** Encoded matches of this line by the byte offset of their start (windows overlap). */
  private encodedAt = new Map<number, number>();
  private bounds = new Set<DecodeBound>();
  /** Matches (by index) that a longer reading in a later window showed to be placeholders. */
  private dropped = new Set<number>();

  /** Feed one segment; returns the outcome when it is the line's last segment, else null. */
  push(bytes: Buffer, last: boolean): LineOutcome | null {
    const single = last && this.columnOffset === 0 && this.markerTail.length === 0;
    let read: LatinRead | undefined;
    if (single && bytes.indexOf(PREFIX_BYTES) === -1 && !mentionsSegment(bytes)) {
      read = this.readLatin1(bytes);
      // Fast path: a whole line without the prefix, the word "segment" or an encoded prefix
      // holds nothing we report.
      if (!read.mayBeEncoded) return { matches: [], placeholders: 0, allowed: 0 };
    }
    this.scanSegment(bytes, last, read);
    if (!last) return null;
    if (this.dropped.size > 0) this.matches = this.matches.filter((_, i) => !this.dropped.has(i));
    const outcome: LineOutcome = this.allowMarkerSeen
      ? {
          matches: [],
          placeholders: this.placeholders,
          allowed: this.matches.length,
          allowedMatches: this.matches,
        }
      : { matches: this.matches, placeholders: this.placeholders, allowed: 0 };
    if (this.bounds.size > 0) outcome.bounds = [...this.bounds];
    this.reset();
    return outcome;
  }

  private scanSegment(bytes: Buffer, last: boolean, read?: LatinRead): void {
    if (!this.allowMarkerSeen) {
      const window = this.markerTail.length ? Buffer.concat([this.markerTail, bytes]) : bytes;
      this.allowMarkerSeen = window.indexOf(MARKER_BYTES) !== -1;
    }
    const carry = this.assignmentCarry;
    const hasPrefix = bytes.indexOf(PREFIX_BYTES) !== -1;
    const hasKeyword = mentionsSegment(bytes) || SEGMENT_PATTERN.test(carry);
    this.encodedMatches(bytes, read);
    const encoded = this.matches.filter((m) => m.encoding);
    if (hasPrefix || hasKeyword || !last) {
      const text = bytes.toString('utf8');
      const assignments = hasKeyword ? this.assignmentsAcrossCut(carry, text, last) : [];
      const candidates = [
        ...(hasPrefix ? findTokenCandidates(text, this.precededByTokenChar) : []),
        // A value that decodes to a token is reported as that token, not as an assignment.
        ...assignments.filter((a) => !encoded.some((m) => overlaps(m, a, this.columnOffset))),
      ];
      for (const candidate of candidates) {
        if (candidate.placeholder) {
          this.placeholders += 1;
          continue;
        }
        this.matches.push({
          candidate,
          column: this.columnOffset + candidate.start + 1,
          endColumn: this.columnOffset + candidate.end + 1,
        });
      }
      this.columnOffset += text.length;
      this.byteOffset += bytes.length;
      // Decoded already: a segment that is not the line's last is always decoded.
      if (!last) this.assignmentCarry = text.slice(-2 * MAX_ASSIGNMENT_LENGTH);
    }
    if (!last) {
      this.decodeCarry = carryOf(this.decodeCarry, bytes);
      const lastByte = bytes[bytes.length - 1];
      this.precededByTokenChar = lastByte !== undefined && isTokenChar(lastByte);
      this.markerTail = Buffer.from(
        bytes.subarray(Math.max(0, bytes.length - (MARKER_BYTES.length - 1))),
      );
    }
  }

  /**
   * Assignments across a cut between segments. In a segment that is not the line's last, one
   * whose value starts in the last MAX_ASSIGNMENT_LENGTH characters is deferred; the next
   * segment looks at the previous one's tail (twice that long, so a deferred match's name is
   * in it) joined to its own first characters, and reports what begins in that tail and was
   * deferred or reaches into the new segment. Positions are in this segment's coordinates (a
   * start may be negative: in the previous segment). Only a small window is joined: a 64 KiB
   * copy per segment of a long line showed up in peak memory.
   */
  private assignmentsAcrossCut(carry: string, text: string, last: boolean): TokenCandidate[] {
    const deferFrom = last ? Infinity : text.length - MAX_ASSIGNMENT_LENGTH;
    const inText = findCredentialAssignments(text).filter((c) => c.start < deferFrom);
    if (carry === '') return inText;
    const seen = new Set(inText.map((c) => c.start));
    const fromCarry = findAssignmentsWithNames(carry + text.slice(0, MAX_ASSIGNMENT_LENGTH))
      .filter(
        ({ candidate, nameStart }) =>
          nameStart < carry.length && candidate.start >= carry.length - MAX_ASSIGNMENT_LENGTH,
      )
      .map(({ candidate: c }) => ({
        ...c,
        start: c.start - carry.length,
        end: c.end - carry.length,
      }))
      .filter((c) => !seen.has(c.start));
    return [...fromCarry, ...inText];
  }

  /** Bytes read as latin1 (one character per byte), and whether the stage is worth asking. */
  private readLatin1(bytes: Buffer): LatinRead {
    const text = bytes.toString('latin1');
    return { text, mayBeEncoded: this.decode !== null && mayHoldEncodedToken(text) };
  }

  /**
   * Tokens under encodings in this segment, read with the end of the previous one (a token
   * across the cut is read whole); each counted once, at its longest reading.
   */
  private encodedMatches(bytes: Buffer, known?: LatinRead): void {
    if (this.decode === null) return;
    const carry = this.decodeCarry;
    const window = carry.length ? Buffer.concat([carry, bytes]) : bytes;
    // A whole line was read already by the fast path: not again.
    const { text, mayBeEncoded } = known && !carry.length ? known : this.readLatin1(window);
    if (!mayBeEncoded) return;
    const scan = findEncodedTokens(text, this.decode);
    if (scan.bound) this.bounds.add(scan.bound);
    const windowStart = this.byteOffset - carry.length;
    for (const { candidate, encoding } of scan.tokens) {
      const at = windowStart + candidate.start;
      const match: LineMatch = {
        candidate,
        ...this.columnsOf(window, carry.length, candidate, encoding, at),
        encoding,
      };
      // Read before, in the previous window: keep the longer reading.
      const known = this.encodedAt.get(at);
      if (known !== undefined) {
        const previous = known >= 0 ? this.matches[known] : undefined;
        if (previous && previous.candidate.token.length < candidate.token.length) {
          if (candidate.placeholder) {
            // Read whole, the look-alike is a placeholder: its cut reading is no finding.
            this.dropped.add(known);
            this.placeholders += 1;
          } else this.matches[known] = match;
        }
        continue;
      }
      if (candidate.placeholder) {
        this.encodedAt.set(at, -1);
        this.placeholders += 1;
        continue;
      }
      this.encodedAt.set(at, this.matches.length);
      this.matches.push(match);
    }
  }

  /** Columns of an encoded match found in `window` (the carry, then this segment). */
  private columnsOf(
    window: Buffer,
    carryLength: number,
    candidate: TokenCandidate,
    encoding: Encoding[],
    at: number,
  ): { column: number; endColumn: number } {
    if (encoding[0] === 'utf16') {
      // The line as a UTF-16 text: two bytes per column, after the byte order mark if any.
      const bom = this.byteOffset === 0 && UTF16_BOMS.includes(window.toString('latin1', 0, 2));
      const column = Math.floor(at / 2) + 1 - (bom ? 1 : 0);
      return { column, endColumn: column + Math.round((candidate.end - candidate.start) / 2) };
    }
    // Columns before this segment, then the UTF-16 length of the bytes up to the offset.
    const segmentColumn = this.columnOffset;
    const columnAt = (offset: number): number =>
      offset >= carryLength
        ? segmentColumn + utf16Length(window.subarray(carryLength), offset - carryLength)
        : segmentColumn - utf16Length(window.subarray(offset, carryLength), carryLength - offset);
    return { column: columnAt(candidate.start) + 1, endColumn: columnAt(candidate.end) + 1 };
  }

  private reset(): void {
    this.byteOffset = 0;
    this.matches = [];
    this.placeholders = 0;
    this.allowMarkerSeen = false;
    this.columnOffset = 0;
    this.precededByTokenChar = false;
    this.markerTail = Buffer.alloc(0);
    this.assignmentCarry = '';
    this.decodeCarry = Buffer.alloc(0);
    this.encodedAt = new Map();
    this.bounds = new Set();
    this.dropped = new Set();
  }
}

/** The last DECODE_CARRY bytes of `previous` + `bytes`, from a UTF-8 character's start. */
function carryOf(previous: Buffer, bytes: Buffer): Buffer {
  const joined = bytes.length >= DECODE_CARRY ? bytes : Buffer.concat([previous, bytes]);
  let from = Math.max(0, joined.length - DECODE_CARRY);
  while (from < joined.length && (joined[from] & 0xc0) === 0x80) from++;
  return Buffer.from(joined.subarray(from));
}

/**
 * "segment" in any case (names such as sEgMeNt_TOKEN count for the assignment rule), found on
 * the bytes without decoding them (a long line's segments are 64 KiB each): native searches
 * for its rare middle pair "gm" in every casing, then a check of the whole word around it.
 */
function mentionsSegment(bytes: Buffer): boolean {
  for (const pair of GM_PAIRS) {
    for (let at = bytes.indexOf(pair, 2); at !== -1; at = bytes.indexOf(pair, at + 1)) {
      if (isSegmentAt(bytes, at - 2)) return true;
    }
  }
  return false;
}

function isSegmentAt(bytes: Buffer, start: number): boolean {
  if (start + SEGMENT_LOWER.length > bytes.length) return false;
  for (let i = 0; i < SEGMENT_LOWER.length; i++) {
    // OR-ing 0x20 lower-cases an ASCII letter; no other byte becomes one of these letters.
    if ((bytes[start + i] | 0x20) !== SEGMENT_LOWER[i]) return false;
  }
  return true;
}

/** How many UTF-16 code units the first `end` bytes decode to. */
function utf16Length(bytes: Buffer, end: number): number {
  return bytes.toString('utf8', 0, end).length;
}

function overlaps(match: LineMatch, candidate: TokenCandidate, columnOffset: number): boolean {
  const start = columnOffset + candidate.start + 1;
  const end = columnOffset + candidate.end + 1;
  return match.column < end && start < match.endColumn;
}
