/**
 * Splits a byte stream into lines without ever holding more than about one segment of a line.
 *
 * Lines longer than `maxSegment` bytes (minified bundles, one-line data dumps) are delivered in
 * several segments. A cut is placed at the last character boundary before the limit that is
 * not between two token characters (see chooseCut), so tokens are never split. Segment bytes
 * exclude the '\n'.
 */
import { isTokenChar } from '../detect/tokenRules';

export interface LineSegment {
  bytes: Buffer;
  /** First segment of its line. */
  first: boolean;
  /** Last segment of its line. */
  last: boolean;
}

export type SegmentHandler = (segment: LineSegment) => void;

/**
 * Optional fast lane: offered every line that lies whole inside one chunk (bytes
 * `chunk[start..end)`, without the '\n'). Returning true means the line was fully handled
 * and no segment object is made for it. Most lines of a large commit take this path.
 */
export type WholeLineHandler = (chunk: Buffer, start: number, end: number) => boolean;

/**
 * 64 KiB, the size of a pipe read: each segment is decoded and matched as a string, and with
 * 256 KiB segments a 20 MB one-line file peaked 14 MB higher than a commit of 2,000 ordinary
 * files (npm run bench, (c) vs (b)); with 64 KiB the two are within a few MB, at equal speed.
 */
export const DEFAULT_MAX_SEGMENT = 1 << 16;
const CUT_SEARCH_WINDOW = 4096;
const NEWLINE = 0x0a;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** True once the current line has had a (non-last) segment delivered. */
  private lineStarted = false;

  constructor(
    private readonly onSegment: SegmentHandler,
    private readonly maxSegment = DEFAULT_MAX_SEGMENT,
    private readonly onWholeLine?: WholeLineHandler,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, start);
      if (newline === -1) break;
      const whole =
        this.pendingLength === 0 && !this.lineStarted && newline - start <= this.maxSegment;
      if (!(whole && this.onWholeLine?.(chunk, start, newline))) {
        this.finishLine(chunk.subarray(start, newline));
      }
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingLength += chunk.length - start;
      if (this.pendingLength > this.maxSegment) this.flushLongLine();
    }
  }

  /** Deliver a final line that had no trailing newline. */
  end(): void {
    if (this.pendingLength > 0 || this.lineStarted) this.finishLine(Buffer.alloc(0));
  }

  private finishLine(tail: Buffer): void {
    // A long line that arrived whole inside one chunk is cut like one that arrived in pieces.
    if (this.pendingLength > 0 || tail.length > this.maxSegment) {
      this.pending.push(tail);
      this.pendingLength += tail.length;
      this.flushLongLine();
      const rest = Buffer.concat(this.pending, this.pendingLength);
      this.pending = [];
      this.pendingLength = 0;
      this.deliver(rest, true);
    } else {
      this.deliver(tail, true);
    }
  }

  /** Emit full segments while the pending part of the line exceeds the limit. */
  private flushLongLine(): void {
    if (this.pendingLength <= this.maxSegment) return;
    // Join once, then cut views of it: re-joining the rest each time is quadratic on huge lines.
    let rest = Buffer.concat(this.pending, this.pendingLength);
    while (rest.length > this.maxSegment) {
      const cut = chooseCut(rest, this.maxSegment);
      this.deliver(rest.subarray(0, cut), false);
      rest = rest.subarray(cut);
    }
    this.pending = [rest];
    this.pendingLength = rest.length;
  }

  private deliver(bytes: Buffer, last: boolean): void {
    const first = !this.lineStarted;
    this.lineStarted = !last;
    this.onSegment({ bytes, first, last });
  }
}

/**
 * Index at which to cut `bytes` so that the first part is at most `limit` bytes: the last
 * character boundary in the window that does not fall between two token characters
 * ([A-Za-z0-9_]), so no token (and no ASCII run) is split and no UTF-8 sequence is cut. Text
 * without ASCII separators (CJK, emoji) is cut between its characters.
 */
export function chooseCut(bytes: Buffer, limit: number): number {
  const floor = Math.max(1, limit - CUT_SEARCH_WINDOW);
  for (let cut = limit; cut >= floor; cut--) {
    const atBoundary = (bytes[cut] & 0xc0) !== 0x80;
    if (atBoundary && !(isTokenChar(bytes[cut - 1]) && isTokenChar(bytes[cut]))) return cut;
  }
  // A run of token characters longer than the window: a token in it starts at the run's
  // start, far before the cut, so the cut can only shorten the reported run, not hide it.
  let cut = limit;
  while (cut > 1 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}
