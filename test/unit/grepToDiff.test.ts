/**
 * GrepToDiff: `git grep -z -n -H` records become the patch of the same lines as added lines.
 * The output goes through the real diff parser here, so every name and line must come back
 * exactly as git grep gave them, however the input is cut into chunks.
 */
import fc from 'fast-check';
import { ScanError } from '../../src/errors';
import { GrepToDiff, quoteName } from '../../src/diff/grepToDiff';
import { AddedLine, parseDiff } from './support/diff';

interface GrepLine {
  name: Buffer;
  line: number;
  content: Buffer;
}

function grepOutput(lines: GrepLine[]): Buffer {
  return Buffer.concat(
    lines.flatMap((l) => [l.name, Buffer.from(`\0${l.line}\0`), l.content, Buffer.from('\n')]),
  );
}

function convert(output: Buffer, chunkSize = output.length || 1): Buffer {
  const converter = new GrepToDiff();
  const parts: Buffer[] = [];
  for (let i = 0; i < output.length; i += chunkSize) {
    parts.push(converter.push(output.subarray(i, i + chunkSize)));
  }
  converter.end();
  return Buffer.concat(parts);
}

const line = (name: string | Buffer, n: number, content: string | Buffer): GrepLine => ({
  name: typeof name === 'string' ? Buffer.from(name) : name,
  line: n,
  content: typeof content === 'string' ? Buffer.from(content) : content,
});

function expected(lines: GrepLine[]): AddedLine[] {
  // The parser strips one final CR (CRLF files), exactly as for git's own diff.
  return lines.map((l) => ({
    file: l.name.toString('utf8'),
    line: l.line,
    text: l.content.toString('utf8').replace(/\r$/, ''),
  }));
}

describe('GrepToDiff', () => {
  const LINES = [
    line('src/app.js', 3, 'const key = "sgp_abc";'),
    line('src/app.js', 17, 'segment_api_token=x'),
    line('docs/release notes.md', 1, 'a name with spaces'),
    line('quote"and\\backslash.txt', 2, 'odd characters'),
    line('naïve/中文 😀.md', 9, 'non-ASCII name'),
    line('tab\there\nnewline', 4, 'control characters in the name'),
    line('trailing space ', 5, 'name ends in a space'),
    line('crlf.txt', 6, 'a CRLF line\r'),
    line('binary.bin', 7, Buffer.from([0x00, 0x41, 0x00, 0xff, 0x42])),
    line('empty.txt', 8, ''),
  ];

  test('every name, line number and content comes back through the diff parser', () => {
    const parsed = parseDiff(convert(grepOutput(LINES)));
    expect(parsed.added).toEqual(expected(LINES));
    expect(parsed.files).toEqual([...new Set(LINES.map((l) => l.name.toString('utf8')))]);
  });

  test('a name that is not valid UTF-8 is quoted byte for byte', () => {
    const name = Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x74]);
    expect(quoteName('b/', name)).toBe('"b/a\\377\\376.t"');
    expect(quoteName('b/', Buffer.from('plain name.txt'))).toBe('b/plain name.txt');
  });

  test('the same output whatever the chunk size (property)', () => {
    const arbitraryLine = fc.record({
      name: fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) =>
        // git grep names hold no NUL; keep them valid UTF-8 to compare as strings.
        Buffer.from(Buffer.from(bytes.map((b) => b || 0x61)).toString('utf8')),
      ),
      line: fc.integer({ min: 1, max: 100000 }),
      content: fc
        .uint8Array({ maxLength: 40 })
        .map((bytes) => Buffer.from(bytes.map((b) => (b === 0x0a ? 0x20 : b)))),
    });
    fc.assert(
      fc.property(
        fc.array(arbitraryLine, { maxLength: 8 }),
        fc.integer({ min: 1, max: 17 }),
        (lines, size) => {
          const output = grepOutput(lines);
          const whole = convert(output);
          expect(convert(output, size).equals(whole)).toBe(true);
          const parsed = parseDiff(whole).added;
          expect(parsed.map((a) => [a.file, a.line])).toEqual(
            lines.map((l) => [l.name.toString('utf8'), l.line]),
          );
        },
      ),
      { seed: 20261128, numRuns: 300 },
    );
  });

  test('a 1 MB line passes through in pieces, unchanged', () => {
    const content = Buffer.alloc(1 << 20, 0x61);
    const parsed = parseDiff(convert(grepOutput([line('big.min.js', 1, content)]), 65536), {
      chunkSize: 65536,
    });
    expect(parsed.added).toHaveLength(1);
    expect(parsed.added[0].text.length).toBe(1 << 20);
  });

  test.each([
    ['output that stops inside a line', Buffer.from('a.txt\x003\x00no newline')],
    ['output that stops after a name', Buffer.from('a.txt\x00')],
    ['a line number that is not a number', Buffer.from('a.txt\x00x1\x00text\n')],
    ['a line number 0', Buffer.from('a.txt\x000\x00text\n')],
  ])('%s is an error, not a silent pass', (_name, output) => {
    expect(() => convert(output)).toThrow(ScanError);
  });
});
