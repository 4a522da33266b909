/** Shared helpers for feeding bytes through LineSplitter in chosen chunkings. */
import { LineSegment, LineSplitter } from '../../../src/diff/lineSplitter';

export interface SegmentView {
  text: string;
  first: boolean;
  last: boolean;
}

/** Splits `input` at the given (sorted, in-range) offsets. */
export function chunkAt(input: Buffer, cuts: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of cuts) {
    chunks.push(input.subarray(start, cut));
    start = cut;
  }
  chunks.push(input.subarray(start));
  return chunks;
}

/** Every way to split `input` into non-empty chunks (2^(n-1) of them: keep n small). */
export function* allChunkings(input: Buffer): Generator<Buffer[]> {
  const gaps = Math.max(0, input.length - 1);
  for (let mask = 0; mask < 1 << gaps; mask++) {
    const cuts: number[] = [];
    for (let gap = 0; gap < gaps; gap++) if (mask & (1 << gap)) cuts.push(gap + 1);
    yield chunkAt(input, cuts);
  }
}

/** Runs chunks through a LineSplitter and returns the raw segments (bytes copied). */
export function splitSegments(chunks: Buffer[], maxSegment?: number): LineSegment[] {
  const segments: LineSegment[] = [];
  const splitter = new LineSplitter(
    (segment) => segments.push({ ...segment, bytes: Buffer.from(segment.bytes) }),
    maxSegment,
  );
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return segments;
}

export function viewSegments(segments: LineSegment[]): SegmentView[] {
  return segments.map(({ bytes, first, last }) => ({ text: bytes.toString('utf8'), first, last }));
}

/** Reassembles whole lines from segments, checking the first/last flags on the way. */
export function joinLines(segments: LineSegment[]): Buffer[] {
  const lines: Buffer[] = [];
  let current: Buffer[] | null = null;
  for (const segment of segments) {
    if (segment.first !== (current === null)) {
      throw new Error(
        `segment has first=${segment.first} but a line is ${current ? '' : 'not '}open`,
      );
    }
    current = [...(current ?? []), segment.bytes];
    if (segment.last) {
      lines.push(Buffer.concat(current));
      current = null;
    }
  }
  if (current !== null) throw new Error('the last line never got a segment with last=true');
  return lines;
}
