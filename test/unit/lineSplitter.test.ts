import fc from 'fast-check';
import { chooseCut } from '../../src/diff/lineSplitter';
import { allChunkings, chunkAt, joinLines, splitSegments, viewSegments } from './support/segments';
import { makeToken } from '../helpers/tokens';

const isTokenByte = (byte: number) => /[A-Za-z0-9_]/.test(String.fromCharCode(byte));
const isContinuationByte = (byte: number) => (byte & 0xc0) === 0x80;

describe('LineSplitter: whole lines', () => {
  test('splits on \\n, keeps \\r as content, delivers a final line without newline', () => {
    const segments = splitSegments([Buffer.from('one\r\ntwo\n\nlast')]);
    expect(viewSegments(segments)).toEqual([
      { text: 'one\r', first: true, last: true },
      { text: 'two', first: true, last: true },
      { text: '', first: true, last: true },
      { text: 'last', first: true, last: true },
    ]);
  });

  test('a trailing newline does not create an extra empty line', () => {
    expect(viewSegments(splitSegments([Buffer.from('a\nb\n')])).map((s) => s.text)).toEqual([
      'a',
      'b',
    ]);
  });

  test('empty input yields no segments; a lone newline yields one empty line', () => {
    expect(splitSegments([])).toEqual([]);
    expect(splitSegments([Buffer.alloc(0), Buffer.alloc(0)])).toEqual([]);
    expect(viewSegments(splitSegments([Buffer.from('\n')]))).toEqual([
      { text: '', first: true, last: true },
    ]);
  });

  test('every chunking of a small input gives exactly the same lines', () => {
    const input = Buffer.from('ab\r\n\nc\xe9\nd\r\ne', 'utf8'); // é is two bytes
    const expected = viewSegments(splitSegments([input]));
    expect(expected.map((s) => s.text)).toEqual(['ab\r', '', 'cé', 'd\r', 'e']);
    let chunkings = 0;
    for (const chunks of allChunkings(input)) {
      expect(viewSegments(splitSegments(chunks))).toEqual(expected);
      chunkings += 1;
    }
    expect(chunkings).toBe(2 ** (input.length - 1));
  });

  test('empty chunks between others change nothing', () => {
    const chunks = [Buffer.from('a'), Buffer.alloc(0), Buffer.from('b\nc'), Buffer.alloc(0)];
    expect(viewSegments(splitSegments(chunks)).map((s) => s.text)).toEqual(['ab', 'c']);
  });

  test('by default a line of 64 KiB is one segment; a byte more and it is cut', () => {
    const line = (bytes: number) => Buffer.from(`${'x'.repeat(bytes)}\n`);
    expect(splitSegments([line(64 * 1024)])).toHaveLength(1);
    expect(splitSegments([line(64 * 1024 + 1)])).toHaveLength(2);
  });
});

describe('LineSplitter: long lines cut into segments', () => {
  const MAX = 64;

  function expectWellFormed(line: Buffer, maxSegment = MAX) {
    const segments = splitSegments([line], maxSegment);
    expect(segments.length).toBeGreaterThan(1);
    segments.forEach((segment, index) => {
      expect(segment.first).toBe(index === 0);
      expect(segment.last).toBe(index === segments.length - 1);
      expect(segment.bytes.length).toBeGreaterThan(0);
      expect(segment.bytes.length).toBeLessThanOrEqual(maxSegment);
    });
    expect(Buffer.concat(segments.map((s) => s.bytes)).equals(line)).toBe(true);
    return segments;
  }

  test('cuts at the last place before the limit that is not inside a word', () => {
    const line = Buffer.from(`${'word '.repeat(40)}end`);
    const segments = expectWellFormed(line);
    segments.slice(0, -1).forEach((segment, i) => {
      const before = segment.bytes.toString().slice(-1);
      const after = segments[i + 1].bytes.toString().slice(0, 1);
      expect(/\w/.test(before) && /\w/.test(after)).toBe(false);
      // The cut is the latest possible: one more word would not have fitted.
      expect(segment.bytes.length).toBeGreaterThan(MAX - 5);
    });
  });

  test('text without ASCII separators (CJK) is cut between characters, never inside a token', () => {
    const token = makeToken(32);
    const line = Buffer.from(`${'中文字'.repeat(200)}${token}${'字'.repeat(300)}`);
    const segments = expectWellFormed(line);
    expect(segments.length).toBeGreaterThan(2);
    expect(segments.some((segment) => segment.bytes.toString().includes(token))).toBe(true);
  });

  test('a token-like run is never split when a separator exists in the window', () => {
    const word = `${'A1b2'.repeat(5)}_z`; // 22 token bytes
    const line = Buffer.from(Array.from({ length: 20 }, () => word).join('"'));
    const segments = expectWellFormed(line);
    for (const segment of segments) {
      for (const piece of segment.bytes.toString().split('"')) {
        if (piece !== '') expect(piece).toBe(word);
      }
    }
  });

  test('without a separator the cut is exactly at the limit', () => {
    const segments = expectWellFormed(Buffer.from('a'.repeat(200)));
    expect(segments.map((s) => s.bytes.length)).toEqual([64, 64, 64, 8]);
  });

  test.each([
    ['2-byte é', 'é'],
    ['3-byte CJK', '中'],
    ['4-byte emoji', '😀'],
  ])('never splits a UTF-8 sequence (%s)', (_label, char) => {
    const line = Buffer.from(char.repeat(100));
    const segments = expectWellFormed(line);
    for (const segment of segments) {
      expect(isContinuationByte(segment.bytes[0])).toBe(false);
      expect(Buffer.from(segment.bytes.toString('utf8'), 'utf8').equals(segment.bytes)).toBe(true);
    }
  });

  test('segments are the same whatever the chunking, for long lines too', () => {
    const line = Buffer.from(`x=${'ab中'.repeat(30)} y=${'q'.repeat(70)}\nshort\n`);
    const expected = viewSegments(splitSegments([line], MAX));
    expect(expected.length).toBeGreaterThan(4);
    for (const size of [1, 2, 3, 7, 63, 64, 65, 100]) {
      const cuts = [];
      for (let at = size; at < line.length; at += size) cuts.push(at);
      expect(viewSegments(splitSegments(chunkAt(line, cuts), MAX))).toEqual(expected);
    }
  });

  test('a line exactly maxSegment long is one segment; one byte more makes two', () => {
    expect(splitSegments([Buffer.from(`${'a'.repeat(64)}\n`)], MAX)).toHaveLength(1);
    expect(splitSegments([Buffer.from(`${'a'.repeat(65)}\n`)], MAX)).toHaveLength(2);
  });

  test('property: any lines in any chunking reassemble exactly, within the size limit', () => {
    const lineArb = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.stringMatching(/^[a-z0-9_ ="]{0,300}$/),
    );
    fc.assert(
      fc.property(
        fc.array(
          lineArb.map((s) => s.replace(/\n/g, '')),
          { maxLength: 6 },
        ),
        fc.boolean(),
        fc.integer({ min: 8, max: 80 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (lines, trailingNewline, maxSegment, sizes) => {
          const text = lines.join('\n') + (trailingNewline && lines.length ? '\n' : '');
          const input = Buffer.from(text, 'utf8');
          const cuts: number[] = [];
          for (let at = 0, i = 0; ; i++) {
            at += sizes[i % sizes.length];
            if (at >= input.length) break;
            cuts.push(at);
          }
          const segments = splitSegments(chunkAt(input, cuts), maxSegment);
          const expectedLines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
          expect(viewSegments(segments)).toEqual(viewSegments(splitSegments([input], maxSegment)));
          expect(joinLines(segments).map((b) => b.toString('utf8'))).toEqual(expectedLines);
          for (const segment of segments) {
            expect(segment.bytes.length).toBeLessThanOrEqual(maxSegment);
            // Valid UTF-8 in, so every segment must decode and re-encode to the same bytes.
            expect(Buffer.from(segment.bytes.toString('utf8')).equals(segment.bytes)).toBe(true);
          }
        },
      ),
      { seed: 20240601, numRuns: 300 },
    );
  });
});

describe('chooseCut', () => {
  test('returns the index just after the last non-token ASCII byte before the limit', () => {
    const bytes = Buffer.from('abc,def ghi_jkl');
    expect(chooseCut(bytes, 12)).toBe(8); // after the space, not inside "ghi_jkl"
    expect(chooseCut(bytes, 8)).toBe(8); // the separator is the last byte that fits
    expect(chooseCut(bytes, 7)).toBe(7); // before the space: "def" ends there
    expect(chooseCut(bytes, 6)).toBe(4); // after the comma: "def" must not be split
  });

  test('treats letters, digits and _ as token bytes, and every other ASCII byte as a separator', () => {
    for (let byte = 0; byte < 0x80; byte++) {
      const bytes = Buffer.from([0x61, byte, 0x61, 0x61, 0x61]);
      expect(chooseCut(bytes, 4)).toBe(isTokenByte(byte) ? 4 : 2);
    }
  });

  test('non-ASCII bytes are not separators, and the cut backs off to a character start', () => {
    const bytes = Buffer.from('aé中xyz'); // a(1) é(2) 中(3) ...
    // No ASCII separator: byte 3 is the first byte of 中, so a limit of 4 or 5 cuts before it.
    expect(chooseCut(bytes, 4)).toBe(3);
    expect(chooseCut(bytes, 5)).toBe(3);
    expect(chooseCut(bytes, 6)).toBe(6);
  });

  test('never returns 0, even for a run of continuation bytes', () => {
    expect(chooseCut(Buffer.alloc(10, 0x80), 4)).toBe(1);
  });

  test('never returns more than the limit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 200 }), fc.nat(), (array, seed) => {
        const bytes = Buffer.from(array);
        const limit = 1 + (seed % (bytes.length - 1));
        const cut = chooseCut(bytes, limit);
        expect(cut).toBeGreaterThanOrEqual(1);
        expect(cut).toBeLessThanOrEqual(limit);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  test('only looks 4 KiB back for a separator', () => {
    const bytes = Buffer.from(`a,${'a'.repeat(5000)}`);
    expect(chooseCut(bytes, 4000)).toBe(2); // the comma at index 1 is within 4096 bytes
    expect(chooseCut(bytes, 4500)).toBe(4500); // it is not: cut at the limit
  });
});
