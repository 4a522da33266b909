import { findTokenCandidates, TOKEN_PREFIX } from '../../src/detect/tokenRules';
import { makeSourcegraphToken, makeToken, PREFIX, randomString } from '../helpers/tokens';

import { FIXED_BODY, highEntropyToken } from './support/tokens';

const HEX = '0123456789abcdef';

describe('findTokenCandidates: the Segment rule', () => {
  test('the tests build their tokens with the prefix the rule looks for', () => {
    expect(TOKEN_PREFIX).toBe(PREFIX);
  });

  test.each([16, 17, 32, 40, 64, 100])('finds a %d-character body', (length) => {
    const token = highEntropyToken(length);
    const text = `const t = "${token}";`;
    expect(findTokenCandidates(text)).toEqual([
      {
        ruleId: 'segment-public-api-token',
        start: 11,
        end: 11 + token.length,
        token,
        placeholder: false,
      },
    ]);
  });

  test('a 15-character body, the bare prefix and an empty text yield nothing', () => {
    expect(findTokenCandidates(makeToken(15))).toEqual([]);
    expect(findTokenCandidates(`"${makeToken(15)}"`)).toEqual([]);
    expect(findTokenCandidates(PREFIX)).toEqual([]);
    expect(findTokenCandidates(`${PREFIX} ${PREFIX}"`)).toEqual([]);
    expect(findTokenCandidates('')).toEqual([]);
  });

  test.each([
    ['a letter', 'x'],
    ['an upper-case letter', 'X'],
    ['a digit', '7'],
    ['an underscore', '_'],
  ])('a token preceded by %s is not a token', (_label, before) => {
    expect(findTokenCandidates(`${before}${makeToken(32)}`)).toEqual([]);
    expect(findTokenCandidates(`key=${before}${makeToken(32)}`)).toEqual([]);
  });

  test.each([
    ['a double quote', '"'],
    ['a single quote', "'"],
    ['an equals sign', '='],
    ['a slash', '/'],
    ['a colon', ':'],
    ['an at sign', '@'],
    ['a space', ' '],
    ['a tab', '\t'],
    ['a dash', '-'],
    ['a non-ASCII letter', 'é'],
    ['the start of the line', ''],
  ])('a token preceded by %s is a token', (_label, before) => {
    const token = makeToken(32);
    const [candidate] = findTokenCandidates(`${before}${token}`);
    expect(candidate).toMatchObject({ token, start: before.length });
  });

  test('the seed examples are findings, at the right offsets', () => {
    const token = `${PREFIX}1234567890abcdef`;
    const lines = [
      `export SEGMENT_API_TOKEN="${token}"`,
      `"apiToken": "${token}"`,
      `const segmentApiToken = "${token}";`,
      `segment://${token}@api.segment.io`,
    ];
    for (const line of lines) {
      const start = line.indexOf(token);
      expect(findTokenCandidates(line)).toEqual([
        {
          ruleId: 'segment-public-api-token',
          start,
          end: start + token.length,
          token,
          placeholder: false,
        },
      ]);
    }
  });

  test('the whole run of letters and digits is the match, beyond 32 characters', () => {
    const body = randomString(50);
    const [candidate] = findTokenCandidates(`=${PREFIX}${body}!rest`);
    expect(candidate.token).toBe(PREFIX + body);
    expect(candidate.end - candidate.start).toBe(PREFIX.length + 50);
  });

  test('an underscore ends the body', () => {
    const [candidate] = findTokenCandidates(`${PREFIX}${FIXED_BODY}_suffix more`);
    expect(candidate.token).toBe(PREFIX + FIXED_BODY);
    expect(candidate.end).toBe(PREFIX.length + FIXED_BODY.length);
    // Too short before the underscore: nothing, even if the run goes on.
    expect(findTokenCandidates(`${PREFIX}${randomString(10)}_${randomString(30)}`)).toEqual([]);
  });

  test('non-ASCII letters end the body', () => {
    const [candidate] = findTokenCandidates(`${PREFIX}${FIXED_BODY}é${randomString(5)}`);
    expect(candidate.token).toBe(PREFIX + FIXED_BODY);
  });

  test('several tokens on one text, in order, each with its offsets', () => {
    const first = makeToken(20);
    const second = makeToken(64);
    const text = `a=${first}, b=${second}`;
    const candidates = findTokenCandidates(text);
    expect(candidates.map((c) => [c.token, c.start, c.end])).toEqual([
      [first, 2, 2 + first.length],
      [second, text.indexOf(second), text.length],
    ]);
  });

  test('offsets count UTF-16 code units', () => {
    const token = highEntropyToken(16);
    const text = `😀 é ${token}`;
    expect(findTokenCandidates(text)[0].start).toBe('😀 é '.length);
    expect('😀 é '.length).toBe(5);
  });

  test('a prefix inside a longer word does not start a token, but a later one can', () => {
    const token = makeToken(20);
    expect(findTokenCandidates(`x${token} ${token}`).map((c) => c.start)).toEqual([
      token.length + 2,
    ]);
  });
});

describe('findTokenCandidates: placeholders', () => {
  test.each([
    ['x * 16', 'x'.repeat(16)],
    ['X * 20', 'X'.repeat(20)],
    ['0 * 16', '0'.repeat(16)],
    ['a * 32', 'a'.repeat(32)],
    ['ab repeated', 'ab'.repeat(10)],
    ['aaaabbbbccccdddd', 'aaaabbbbccccdddd'],
  ])('%s is a placeholder candidate', (_label, body) => {
    const [candidate] = findTokenCandidates(`"${PREFIX}${body}"`);
    expect(candidate).toMatchObject({ token: PREFIX + body, placeholder: true });
  });

  test('the seed example body (16 distinct characters) is not a placeholder', () => {
    expect(findTokenCandidates(`${PREFIX}1234567890abcdef`)[0].placeholder).toBe(false);
  });
});

describe('findTokenCandidates: Sourcegraph shapes', () => {
  test.each([['hex40'], ['id'], ['local']] as const)(
    'the %s shape is a sourcegraph-access-token, matched whole',
    (shape) => {
      const token = makeSourcegraphToken(shape);
      const text = `SRC_ACCESS_TOKEN=${token}\n`;
      expect(findTokenCandidates(text)).toEqual([
        {
          ruleId: 'sourcegraph-access-token',
          start: 17,
          end: 17 + token.length,
          token,
          placeholder: false,
        },
      ]);
    },
  );

  test('near misses are Segment tokens, not Sourcegraph ones', () => {
    const upperHex = PREFIX + randomString(40, HEX).toUpperCase();
    const shortHex = PREFIX + randomString(39, HEX);
    const longHex = PREFIX + randomString(41, HEX);
    for (const token of [upperHex, shortHex, longHex]) {
      const [candidate] = findTokenCandidates(` ${token} `);
      expect(candidate).toMatchObject({ ruleId: 'segment-public-api-token', token });
    }
  });

  test('a Sourcegraph-like id whose second part is too short reports the Segment-shaped head', () => {
    const head = randomString(16, HEX);
    const [candidate] = findTokenCandidates(`${PREFIX}${head}_${randomString(39, HEX)}`);
    expect(candidate).toMatchObject({ ruleId: 'segment-public-api-token', token: PREFIX + head });
  });

  test('a zero-filled Sourcegraph shape is a placeholder', () => {
    const [candidate] = findTokenCandidates(`${PREFIX}${'0'.repeat(40)}`);
    expect(candidate).toMatchObject({ ruleId: 'sourcegraph-access-token', placeholder: true });
  });
});

describe('findTokenCandidates: precededByTokenChar', () => {
  test('a token at offset 0 is dropped when the previous segment ended in a token character', () => {
    const token = makeToken(32);
    expect(findTokenCandidates(token, true)).toEqual([]);
    expect(findTokenCandidates(token, false)).toHaveLength(1);
  });

  test('it only concerns offset 0: later tokens in the text are still found', () => {
    const token = makeToken(32);
    const candidates = findTokenCandidates(`${token} ${token}`, true);
    expect(candidates.map((c) => c.start)).toEqual([token.length + 1]);
  });
});

describe('findTokenCandidates: a token right after an escape sequence', () => {
  test.each([
    ['\\n', 'Bearer\\n'],
    ['\\r', 'x\\r'],
    ['\\t', '"a\\t'],
    ['\\\\n (JSON inside JSON)', 'Bearer\\\\n'],
    ['\\u0022', 'key\\u0022'],
    ['\\u00A0', '\\u00A0'],
    ['\\x20', 'say\\x20'],
    ['%20', 'Authorization%3A%20Bearer%20'],
    ['%3D', 'token%3D'],
    ['%3d (lower-case hex)', 'token%3d'],
    ['%253D (a URL inside a URL parameter)', 'next=https%253A%252F%252Fx%252F%253Ftoken%253D'],
    ['%25253D (encoded three times)', 'u=a%25253D'],
    ['%2525 (a % encoded twice)', 'a%3D%2525'],
    ['a raw terminal style sequence', 'token: \x1b[1m'],
    ['a colour sequence written as \\x1b', 'echo "\\x1b[0;32m'],
    ['a colour sequence written as \\033', 'printf "\\033[1m'],
    ['a colour sequence written as \\u001b', '"\\u001b[31m'],
    ['a colour sequence written as \\e', 'echo -e "\\e[1m'],
    ['&quot;', '&quot;'],
    ['&#34;', '&#34;'],
    ['&#x22;', '&#x22;'],
    ['\\"', '\\"'],
    ['\\/', 'https:\\/\\/'],
  ])('after %s it is found', (_label, before) => {
    const token = highEntropyToken(64);
    const [candidate] = findTokenCandidates(`${before}${token}`);
    expect(candidate).toMatchObject({ token, start: before.length, placeholder: false });
  });

  test.each([
    ['a letter n without backslash', 'Bearern'],
    ['a %X with one hex digit', 'a%2'],
    ['a %XY that is not hex', '%zz'],
    ['a \\u with three hex digits', '\\u002'],
    ['a \\x with one hex digit', '\\x2'],
    ['a letter after hex digits', '%20a'],
    ['25 and hex digits with no % before them', 'x2525'],
    ['hex digits after 25s at the start of the text', '25253D'],
    ['a %25 whose hex digits are not two', '%253'],
    ['an m after [ with no escape before it', 'x[1m'],
    ['a style sequence without its m', '\x1b[1'],
  ])('after %s it is the tail of a word', (_label, before) => {
    expect(findTokenCandidates(`${before}${highEntropyToken(64)}`)).toEqual([]);
  });
});

describe('findTokenCandidates: bodies made of words', () => {
  test.each([
    ['def ', 'getResultsForSeason('],
    ['FROM ', 'gatewaypagamentos'],
    ['', 'computeParlayProbabilities(legs)'],
    ['x = ', 'YourSegmentTokenHere'],
    ['x = ', 'EXAMPLEEXAMPLEEXAMPLE'],
    ['', 'SegmentPublicApiToken'],
    ['def ', 'getResultsForSeason2024('],
  ])('%s%s is a placeholder, not a finding', (before, rest) => {
    const [candidate] = findTokenCandidates(`${before}${PREFIX}${rest}`);
    expect(candidate).toMatchObject({ placeholder: true });
  });

  test.each([['1234567890abcdef'], ['get2ResultsForSeason'], ['abcdefghijklmnop']])(
    '%s is still a finding (digits other than a short ending, or letters no words are made of)',
    (body) => {
      const [candidate] = findTokenCandidates(`"${PREFIX}${body}"`);
      expect(candidate).toMatchObject({ placeholder: false, token: PREFIX + body });
    },
  );
});
