/**
 * Applies the token rules to added lines that arrive in segments (see diff/lineSplitter).
 *
 * Most lines never contain `sgp_`; they are checked on their raw bytes and never decoded.
 * Findings of a line are held until its last segment, because an inline allow marker may
 * come after the token.
 */
import { ALLOW_MARKER } from './allowMarker';
import {
  ASSIGNMENT_KEYWORDS,
  findCredentialAssignments,
  MAX_ASSIGNMENT_LENGTH,
} from './assignmentRule';
import { findTokenCandidates, TOKEN_PREFIX, TokenCandidate } from './tokenRules';

export interface LineMatch {
  candidate: TokenCandidate;
  /** 1-based column of the token in the whole line (UTF-16 code units). */
  column: number;
  endColumn: number;
}

export interface LineOutcome {
  matches: LineMatch[];
  placeholders: number;
  /** Matches dropped because the line carries the allow marker. */
  allowed: number;
}

const PREFIX_BYTES = Buffer.from(TOKEN_PREFIX);
const KEYWORD_BYTES = ASSIGNMENT_KEYWORDS.map((keyword) => Buffer.from(keyword));
const MARKER_BYTES = Buffer.from(ALLOW_MARKER);

export class LineScanner {
  private matches: LineMatch[] = [];
  private placeholders = 0;
  private allowMarkerSeen = false;
  private columnOffset = 0;
  private precededByTokenChar = false;
  private markerTail: Buffer = Buffer.alloc(0);
  /** The end of the previous segment's text, so an assignment across a cut is still seen. */
  private assignmentCarry = '';

  /** Feed one segment; returns the outcome when it is the line's last segment, else null. */
  push(bytes: Buffer, last: boolean): LineOutcome | null {
    const single = last && this.columnOffset === 0 && this.markerTail.length === 0;
    if (single && bytes.indexOf(PREFIX_BYTES) === -1 && !mentionsSegment(bytes)) {
      // Fast path: a whole line without the prefix or the word "segment" holds nothing we report.
      return { matches: [], placeholders: 0, allowed: 0 };
    }
    this.scanSegment(bytes, last);
    if (!last) return null;
    const outcome = this.allowMarkerSeen
      ? { matches: [], placeholders: this.placeholders, allowed: this.matches.length }
      : { matches: this.matches, placeholders: this.placeholders, allowed: 0 };
    this.reset();
    return outcome;
  }

  private scanSegment(bytes: Buffer, last: boolean): void {
    if (!this.allowMarkerSeen) {
      const window = this.markerTail.length ? Buffer.concat([this.markerTail, bytes]) : bytes;
      this.allowMarkerSeen = window.indexOf(MARKER_BYTES) !== -1;
    }
    const carry = this.assignmentCarry;
    const hasPrefix = bytes.indexOf(PREFIX_BYTES) !== -1;
    const hasKeyword = mentionsSegment(bytes) || /segment/i.test(carry);
    if (hasPrefix || hasKeyword || !last) {
      const text = bytes.toString('utf8');
      const candidates = [
        ...(hasPrefix ? findTokenCandidates(text, this.precededByTokenChar) : []),
        ...(hasKeyword ? this.assignmentsAcrossCut(carry, text, last) : []),
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
    }
    if (!last) {
      this.assignmentCarry = bytes.toString('utf8').slice(-MAX_ASSIGNMENT_LENGTH);
      const lastByte = bytes[bytes.length - 1];
      this.precededByTokenChar =
        lastByte !== undefined && /[A-Za-z0-9_]/.test(String.fromCharCode(lastByte));
      this.markerTail = Buffer.from(
        bytes.subarray(Math.max(0, bytes.length - (MARKER_BYTES.length - 1))),
      );
    }
  }

  /**
   * Assignments in the previous segment's tail plus this segment, in this segment's
   * coordinates (a start may be negative: in the previous segment). One that starts in the
   * last MAX_ASSIGNMENT_LENGTH characters of a segment that is not the line's last is left
   * for the next segment, which sees it whole; so none is reported twice or cut short.
   */
  private assignmentsAcrossCut(carry: string, text: string, last: boolean): TokenCandidate[] {
    const deferFrom = last ? Infinity : text.length - MAX_ASSIGNMENT_LENGTH;
    return findCredentialAssignments(carry + text)
      .map((c) => ({ ...c, start: c.start - carry.length, end: c.end - carry.length }))
      .filter((c) => c.start < deferFrom);
  }

  private reset(): void {
    this.matches = [];
    this.placeholders = 0;
    this.allowMarkerSeen = false;
    this.columnOffset = 0;
    this.precededByTokenChar = false;
    this.markerTail = Buffer.alloc(0);
    this.assignmentCarry = '';
  }
}

/** "segment" in any case (names such as sEgMeNt_TOKEN count for the assignment rule). */
function mentionsSegment(bytes: Buffer): boolean {
  return (
    KEYWORD_BYTES.some((keyword) => bytes.indexOf(keyword) !== -1) ||
    /segment/i.test(bytes.toString('latin1'))
  );
}
