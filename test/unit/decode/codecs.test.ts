/**
 * One table per decoder: a token written under it is found at the span of its encoded form
 * (every base64 alignment, both alphabets, padded or not), and data that looks alike but holds
 * no token yields nothing.
 */
import { randomBytes } from 'node:crypto';
import { base64Codec } from '../../../src/decode/base64';
import { decodeEscapes } from '../../../src/decode/escapes';
import { decodeHex } from '../../../src/decode/hex';
import { decodePercent } from '../../../src/decode/percent';
import { decodeUtf16Pairs } from '../../../src/decode/utf16';
import { DecodedWindow, formText } from '../../../src/decode/codec';
import { BUDGET_PER_CHAR } from '../../../src/decode/stage';
import { findEncodedTokens } from '../../../src/detect/encodedTokens';
import { PREFIX } from '../../helpers/tokens';
import { escapeAll, findIn, percentAll, token } from './support';

/** A window's text and the places of its units, as plain arrays. */
function placesOf(window: DecodedWindow) {
  const units = [...window.text].map((_, i) => i);
  return {
    text: window.text,
    starts: units.map((i) => window.start(i)),
    ends: units.map((i) => window.end(i)),
  };
}

describe('base64', () => {
  test('sgp_ has three forms, one per alignment, made of the characters its bits decide', () => {
    const forms = base64Codec.forms(PREFIX, false);
    expect(forms).toHaveLength(3);
    for (let alignment = 0; alignment < 3; alignment++) {
      const lead = Buffer.alloc(alignment, 0xa7);
      const encoded = Buffer.concat([lead, Buffer.from(PREFIX)]).toString('base64');
      expect(encoded).toContain(formText(forms[alignment]));
    }
  });

  const cases: [string, (t: string) => string][] = [];
  for (const lead of ['', 'u', 'u:', 'user:', '{"auth":"']) {
    for (const alphabet of ['base64', 'base64url'] as const) {
      cases.push([
        `after ${JSON.stringify(lead)} (alignment ${lead.length % 3}), ${alphabet}`,
        (t) => Buffer.from(lead + t + '"}').toString(alphabet),
      ]);
    }
  }
  cases.push(['unpadded', (t) => Buffer.from(t).toString('base64').replace(/=+$/, '')]);
  cases.push([
    'after a binary length byte',
    (t) => Buffer.from([0xd9, 0x44, ...Buffer.from(t)]).toString('base64'),
  ]);

  test.each(cases)('found %s, at the span of its encoded form', (_label, encode) => {
    const t = token();
    const encoded = encode(t);
    const line = `  data: ${encoded}`;
    const [found, ...rest] = findIn(line);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ token: t, encoding: ['base64'] });
    // The span lies in the base64 text and covers about 4/3 of the token's length.
    expect(found.start).toBeGreaterThanOrEqual(8);
    expect(found.end).toBeLessThanOrEqual(line.length);
    expect(found.end - found.start).toBeGreaterThanOrEqual(Math.floor((t.length * 4) / 3));
    expect(found.end - found.start).toBeLessThanOrEqual(Math.ceil((t.length * 4) / 3) + 3);
  });

  test('decodes both alphabets and maps each byte to the characters that hold it', () => {
    const text = Buffer.from([0xfb, 0xff, 0x41]).toString('base64url');
    expect(placesOf(base64Codec.decode(text, 0, text.length))).toEqual({
      text: '\u00fb\u00ffA',
      starts: [0, 1, 2],
      ends: [2, 3, 4],
    });
  });
});

describe('percent', () => {
  test.each([
    ['every character encoded', (t: string) => `q=${percentAll(t)}&x=1`],
    ['upper-case hex', (t: string) => `q=${percentAll(t).toUpperCase()}`],
    ['the prefix encoded, the body not', (t: string) => `q=${percentAll(PREFIX)}${t.slice(4)}`],
  ])('found with %s', (_label, encode) => {
    const t = token();
    const line = encode(t);
    expect(findIn(line)).toEqual([
      {
        token: t,
        start: 2,
        end: 2 + line.slice(2).match(/^[^&]*/)![0].length,
        encoding: ['percent'],
      },
    ]);
  });

  test('decodes %XX and keeps the rest, with positions', () => {
    expect(placesOf(decodePercent('a%20b%zz', 0, 99))).toEqual({
      text: 'a b%zz',
      starts: [0, 1, 4, 5, 6, 7],
      ends: [1, 4, 5, 6, 7, 8],
    });
  });
});

describe('escapes', () => {
  test.each([
    ['\\u0073', (t: string) => escapeAll(t)],
    ['\\u0073 upper-case hex', (t: string) => escapeAll(t).toUpperCase().replace(/\\U/g, '\\u')],
    ['\\x73', (t: string) => escapeAll(t, '\\x', 2)],
  ])('found written as %s', (_label, encode) => {
    const t = token();
    const encoded = encode(t);
    const line = `const s = "${encoded}";`;
    expect(findIn(line)).toEqual([
      { token: t, start: 11, end: 11 + encoded.length, encoding: ['escape'] },
    ]);
  });

  test('decodes JSON, JavaScript and C escapes', () => {
    expect(decodeEscapes('a\\n\\u0041\\x42\\"\\/\\q', 0, 99).text).toBe('a\nAB"/\\q');
  });
});

describe('hex', () => {
  test.each([
    ['lower case', (t: string) => Buffer.from(t).toString('hex')],
    ['upper case', (t: string) => Buffer.from(t).toString('hex').toUpperCase()],
    ['after an odd number of hex digits', (t: string) => `a${Buffer.from(t).toString('hex')}`],
  ])('found in %s', (_label, encode) => {
    const t = token();
    const encoded = encode(t);
    const hexStart = encoded.length - 2 * t.length;
    expect(findIn(`id=${encoded};`)).toEqual([
      { token: t, start: 3 + hexStart, end: 3 + encoded.length, encoding: ['hex'] },
    ]);
  });

  test('decodes pairs', () => {
    expect(placesOf(decodeHex('414243', 0, 6))).toEqual({
      text: 'ABC',
      starts: [0, 2, 4],
      ends: [2, 4, 6],
    });
  });
});

describe('utf16', () => {
  test.each([
    ['little-endian', 'utf16le', false],
    ['big-endian', 'utf16be', false],
    ['little-endian after a line break (odd offset)', 'utf16le', true],
  ] as const)('found in %s text', (_label, order, afterBreak) => {
    const t = token();
    let bytes = Buffer.from(`$t = "${t}"`, 'utf16le');
    if (order === 'utf16be') bytes = Buffer.from(bytes).swap16();
    if (afterBreak) bytes = Buffer.concat([Buffer.from([0]), bytes]);
    const line = bytes.toString('latin1');
    const [found] = findIn(line);
    expect(found).toMatchObject({ token: t, encoding: ['utf16'] });
    expect(Math.floor(found.start / 2)).toBe(6);
  });

  test('pairs with a NUL give their other byte; others a byte no token holds', () => {
    expect(decodeUtf16Pairs('a\0\0b\u00e9\u00ff', 0, 6).text).toBe('ab\u00ff');
  });
});

describe('depth 2', () => {
  const latin1 = (bytes: Buffer) => bytes.toString('latin1');
  const utf16 = (text: string) => latin1(Buffer.from(text, 'utf16le'));
  const base64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
  test.each([
    ['percent-encoded UTF-16', (t: string) => encodeURIComponent(utf16(t)), ['percent', 'utf16']],
    [
      'escaped UTF-16 (JSON)',
      (t: string) => JSON.stringify(utf16(t)).slice(1, -1),
      ['escape', 'utf16'],
    ],
    ['base64 in a UTF-16 file', (t: string) => utf16(base64(t)), ['utf16', 'base64']],
    [
      'hex in a UTF-16 file',
      (t: string) => utf16(Buffer.from(t).toString('hex')),
      ['utf16', 'hex'],
    ],
    ['escapes in a UTF-16 file', (t: string) => utf16(escapeAll(t)), ['utf16', 'escape']],
    ['percent-encoded in a UTF-16 file', (t: string) => utf16(percentAll(t)), ['utf16', 'percent']],
    // base64 of letters and digits holds no + or /: percent-encoding it changes only the rest.
    [
      'percent-encoded base64',
      (t: string) => encodeURIComponent(base64(`\xfb\xff${t}`)),
      ['base64'],
    ],
  ])('%s', (_label, encode, chain) => {
    const t = token();
    const found = findIn(`v=${encode(t)}`);
    expect(found.map((f) => [f.token, f.encoding])).toEqual([[t, chain]]);
  });
});

test.each([
  ['base64', (t: string) => Buffer.from(`:${t}.`).toString('base64')],
  ['hex', (t: string) => Buffer.from(t).toString('hex')],
  ['percent', percentAll],
  ['escapes', (t: string) => escapeAll(t)],
])('several %s tokens on one line are all found, in order', (_label, encode) => {
  const tokens = [token(), token(), token()];
  const found = findIn(tokens.map((t) => `v=${encode(t)}`).join('   '));
  expect(found.map((f) => f.token)).toEqual(tokens);
});

test('a base64 token after an escaped one is reported once, as base64 (property suite)', () => {
  const [a, b] = [token(), token()];
  const line = ` ${escapeAll(`${a}.`)}    ${Buffer.from(`:${b}.`).toString('base64')} `;
  expect(findIn(line).map((f) => [f.token, f.encoding])).toEqual([
    [a, ['escape']],
    [b, ['base64']],
  ]);
});

describe('real-looking data holds no token', () => {
  const samples: [string, () => string][] = [
    [
      'a lockfile integrity hash',
      () => `"integrity": "sha512-${randomBytes(64).toString('base64')}"`,
    ],
    [
      'a JWT',
      () =>
        [
          '{"alg":"HS256"}',
          JSON.stringify({ sub: 'x', iat: 1 }),
          randomBytes(32).toString('binary'),
        ]
          .map((p) => Buffer.from(p, 'latin1').toString('base64url'))
          .join('.'),
    ],
    [
      'a data: URI image',
      () => `url(data:image/png;base64,${randomBytes(6000).toString('base64')})`,
    ],
    [
      'SHA-256 and git ids',
      () => `${randomBytes(32).toString('hex')} ${randomBytes(20).toString('hex')}`,
    ],
    [
      'minified JS with escapes',
      () => `var a="\\u0041\\u00e9\\x20\\n\\t\\u2028",b='\\x73\\x67\\x70'+c;`,
    ],
    [
      'a percent-encoded URL',
      () => `https://example.com/?q=%73%67%70%20and%20more&r=${encodeURIComponent('a b/c')}`,
    ],
    ['an escaped prefix with a short body', () => `"${escapeAll(PREFIX)}abc"`],
  ];
  test.each(samples)('%s', (_label, make) => {
    for (let i = 0; i < 50; i++) expect(findIn(make())).toEqual([]);
  });

  test('a base64 run of random bytes with an sgp_ form in it decodes to no token', () => {
    // The form appears by chance; the bytes after it are not 16 letters and digits.
    const line =
      randomBytes(3000).toString('base64') + 'c2dwX' + randomBytes(3000).toString('base64');
    expect(findIn(line)).toEqual([]);
  });
});

test('no cap on hits: a line of a thousand encoded tokens yields every one, in linear work', () => {
  const tokens = Array.from({ length: 1000 }, () => token());
  const line = tokens.map((t) => Buffer.from(t).toString('base64')).join(' ');
  const scan = findEncodedTokens(line, () => true);
  expect(scan.tokens.map((f) => f.candidate.token)).toEqual(tokens);
  expect(scan.bound).toBeUndefined();
  // Each base64 run is read at its four alignments: at most about five characters a character.
  expect(scan.decoded).toBeLessThanOrEqual(6 * line.length);
  expect(BUDGET_PER_CHAR).toBeGreaterThan(2);
});

test('the budget: a stage given less than a line needs stops, says so, and keeps within it', () => {
  const [a, b] = [token(), token()];
  const line = `${percentAll(a)} ${'. '.repeat(1000)} ${percentAll(b)}`;
  const whole = findEncodedTokens(line, () => true);
  expect(whole.tokens.map((f) => f.candidate.token)).toEqual([a, b]);
  expect(whole.bound).toBeUndefined();
  const half = Math.floor(whole.decoded / 2);
  const cut = findEncodedTokens(line, () => true, half);
  expect(cut.bound).toBe('budget');
  expect(cut.decoded).toBeLessThanOrEqual(half);
  expect(cut.tokens.length).toBeLessThan(2);
  const none = findEncodedTokens(line, () => true, 0);
  expect(none).toEqual({ tokens: [], decoded: 0, bound: 'budget' });
});
