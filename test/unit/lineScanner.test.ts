import { LineOutcome, LineScanner } from '../../src/detect/lineScanner';
import { makeToken, PREFIX } from '../helpers/tokens';
import { highEntropyToken } from './support/tokens';

/** Feeds the segments of one line; returns the outcome of its last segment. */
function scanLine(scanner: LineScanner, ...segments: string[]): LineOutcome {
  segments.slice(0, -1).forEach((segment) => {
    expect(scanner.push(Buffer.from(segment), false)).toBeNull();
  });
  const outcome = scanner.push(Buffer.from(segments[segments.length - 1]), true);
  if (outcome === null) throw new Error('no outcome for the last segment');
  return outcome;
}

function columnsOf(outcome: LineOutcome) {
  return outcome.matches.map((m) => ({
    token: m.candidate.token,
    column: m.column,
    endColumn: m.endColumn,
  }));
}

describe('LineScanner: whole lines', () => {
  test('a line without the prefix yields an empty outcome', () => {
    expect(scanLine(new LineScanner(), 'const x = 1;')).toEqual({
      matches: [],
      placeholders: 0,
      allowed: 0,
    });
  });

  test('columns are 1-based, in UTF-16 code units, after non-ASCII text', () => {
    const token = highEntropyToken(16);
    const before = 'é 中文 😀 = "'; // 😀 is two UTF-16 code units
    const outcome = scanLine(new LineScanner(), `${before}${token}"`);
    expect(columnsOf(outcome)).toEqual([
      { token, column: before.length + 1, endColumn: before.length + 1 + token.length },
    ]);
    expect(before.length).toBe(11);
  });

  test('several tokens on one line are all reported, in order', () => {
    const a = makeToken(64);
    const b = makeToken(32);
    const line = `x=${a} y=${b}`;
    expect(columnsOf(scanLine(new LineScanner(), line))).toEqual([
      { token: a, column: 3, endColumn: 3 + a.length },
      { token: b, column: line.indexOf(b) + 1, endColumn: line.length + 1 },
    ]);
  });

  test('placeholders are counted, not reported', () => {
    const placeholder = PREFIX + 'x'.repeat(20);
    const token = makeToken(32);
    const outcome = scanLine(new LineScanner(), `${placeholder} ${placeholder} ${token}`);
    expect(outcome.placeholders).toBe(2);
    expect(columnsOf(outcome).map((m) => m.token)).toEqual([token]);
  });

  test.each([
    ['after the token', (t: string) => `key = "${t}" // seg-hook:allow`],
    ['before the token', (t: string) => `# seg-hook:allow\tkey=${t}`],
    ['glued to the token', (t: string) => `${t}seg-hook:allow`],
  ])('the allow marker %s drops the line’s findings and counts them', (_label, build) => {
    const token = makeToken(32);
    const outcome = scanLine(new LineScanner(), build(token));
    expect(outcome).toMatchObject({ matches: [], placeholders: 0, allowed: 1 });
    // What it dropped is kept aside: a range scan reports a marker added by the range.
    // (Glued, the run of letters goes on into the marker: the match starts with the token.)
    const dropped = outcome.allowedMatches?.map((m) => m.candidate.token) ?? [];
    expect(dropped).toHaveLength(1);
    expect(dropped[0].startsWith(token)).toBe(true);
  });

  test('the allow marker must be exact', () => {
    const outcome = scanLine(new LineScanner(), `${makeToken(32)} seg-hook:allo`);
    expect(outcome.matches).toHaveLength(1);
    expect(outcome.allowed).toBe(0);
  });

  test('state does not leak from one line to the next', () => {
    const scanner = new LineScanner();
    const token = makeToken(32);
    expect(scanLine(scanner, `${token} seg-hook:allow`).allowed).toBe(1);
    expect(columnsOf(scanLine(scanner, `  ${token}`))).toEqual([
      { token, column: 3, endColumn: 3 + token.length },
    ]);
    expect(scanLine(scanner, `${PREFIX}${'0'.repeat(16)}`).placeholders).toBe(1);
    expect(scanLine(scanner, 'nothing').placeholders).toBe(0);
  });
});

describe('LineScanner: lines in several segments', () => {
  test('columns continue across segments (non-ASCII in the first segment)', () => {
    const token = makeToken(64);
    const first = 'é😀中 = ';
    const outcome = scanLine(new LineScanner(), first, 'more ', `"${token}"`);
    const column = first.length + 'more '.length + 2;
    expect(columnsOf(outcome)).toEqual([{ token, column, endColumn: column + token.length }]);
  });

  test('tokens in different segments are all reported', () => {
    const a = makeToken(32);
    const b = makeToken(32);
    const outcome = scanLine(new LineScanner(), `${a} `, 'x', ` ${b}`);
    expect(columnsOf(outcome)).toEqual([
      { token: a, column: 1, endColumn: 1 + a.length },
      { token: b, column: a.length + 4, endColumn: a.length + 4 + b.length },
    ]);
  });

  test('a token found in an early segment is still dropped by a marker in a later one', () => {
    const outcome = scanLine(
      new LineScanner(),
      `t=${makeToken(32)} `,
      'filler ',
      '# seg-hook:allow',
    );
    expect(outcome).toMatchObject({ matches: [], placeholders: 0, allowed: 1 });
    expect(outcome.allowedMatches).toHaveLength(1);
  });

  test('an allow marker split across two segments is recognised', () => {
    const marker = 'seg-hook:allow';
    for (let cut = 1; cut < marker.length; cut++) {
      const outcome = scanLine(
        new LineScanner(),
        `v=${makeToken(32)} // ${marker.slice(0, cut)}`,
        `${marker.slice(cut)} end`,
      );
      expect(outcome.allowed).toBe(1);
      expect(outcome.matches).toEqual([]);
    }
  });

  test('a segment that ends in a token character keeps a token at the next segment start from counting', () => {
    const token = makeToken(32);
    for (const end of ['a', 'Z', '5', '_']) {
      expect(scanLine(new LineScanner(), `abc${end}`, token).matches).toEqual([]);
    }
  });

  test('a segment that ends in a separator lets a token at the next segment start count', () => {
    const token = makeToken(32);
    for (const end of [' ', '"', '=', ':', '/', '@']) {
      expect(columnsOf(scanLine(new LineScanner(), `abc${end}`, token))).toEqual([
        { token, column: 5, endColumn: 5 + token.length },
      ]);
    }
  });

  test('placeholders are counted across segments', () => {
    const placeholder = PREFIX + 'ab'.repeat(10);
    const outcome = scanLine(new LineScanner(), `${placeholder} `, `${placeholder}`);
    expect(outcome.placeholders).toBe(2);
    expect(outcome.matches).toEqual([]);
  });
});

describe('LineScanner: encoded tokens', () => {
  const utf16 = (text: string) => Buffer.from(text, 'utf16le');

  test.each([
    ['little-endian', false],
    ['big-endian', true],
  ])('UTF-16 (%s): the byte order mark is not a column', (_label, bigEndian) => {
    const token = makeToken(64);
    const order = (bytes: Buffer) => (bigEndian ? Buffer.from(bytes).swap16() : bytes);
    const columns = [true, false].map((bom) => {
      const line = order(utf16(`${bom ? '\ufeff' : ''}$t = "${token}"`));
      const outcome = new LineScanner().push(line, true);
      return outcome?.matches.map((m) => [m.candidate.token, m.column, m.encoding]);
    });
    expect(columns[0]).toEqual([[token, 7, ['utf16']]]);
    expect(columns[1]).toEqual(columns[0]);
  });

  test('a percent-encoded token across a segment cut is read whole, once', () => {
    const token = makeToken(64);
    const encoded = [...token].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('');
    for (const cut of [1, 20, 100, encoded.length - 3]) {
      const line = `q=${encoded} end`;
      const at = 2 + cut;
      const outcome = scanLine(new LineScanner(), line.slice(0, at), line.slice(at));
      expect(outcome.matches.map((m) => [m.candidate.token, m.column])).toEqual([[token, 3]]);
    }
  });

  test('a line the stage cannot read to the end says so and is still scanned plainly', () => {
    const plain = makeToken(32);
    const hostile = '%2573%2567%2570%255F'.repeat(200);
    // Four levels deep: the third level finds a fourth encoding (a depth bound).
    const deep = Buffer.from(
      Buffer.from(Buffer.from(`${PREFIX} %73%67%70%5F`).toString('base64')).toString('base64'),
    ).toString('base64');
    const outcome = scanLine(new LineScanner(), `${hostile} ${deep} ${plain}`);
    expect(outcome.bounds).toEqual(['depth']);
    expect(outcome.matches.map((m) => m.candidate.token)).toEqual([plain]);
  });
});
