import fc from 'fast-check';
import { redactToken, redactTokensInText } from '../../src/report/redact';
import { makeSourcegraphToken, makeToken, PREFIX, randomString } from '../helpers/tokens';
import { tokenShapedStrings } from './support/results';

describe('redactToken', () => {
  test.each([16, 17, 32, 64, 200])(
    'shows the prefix and at most 4 body characters (%d-character body)',
    (length) => {
      const token = makeToken(length);
      const body = token.slice(PREFIX.length);
      const redacted = redactToken(token);
      expect(redacted).toBe(`${PREFIX}${body.slice(0, 2)}…${body.slice(-2)}`);
      expect(redacted.replace(PREFIX, '').replace('…', '')).toHaveLength(4);
      expect(redacted).not.toContain(token);
      expect(redacted.slice(PREFIX.length)).not.toContain(body.slice(0, 3));
    },
  );

  test('bodies shorter than 8 characters show nothing of the body', () => {
    expect(redactToken(PREFIX + 'abcdefg')).toBe(`${PREFIX}…`);
    expect(redactToken(PREFIX)).toBe(`${PREFIX}…`);
  });

  test('Sourcegraph-shaped tokens are redacted the same way', () => {
    const token = makeSourcegraphToken('local');
    expect(redactToken(token)).toBe(`${PREFIX}lo…${token.slice(-2)}`);
  });

  test('a value without the prefix shows at most 4 characters', () => {
    const value = randomString(40);
    expect(redactToken(value)).toBe(`${value.slice(0, 2)}…${value.slice(-2)}`);
  });
});

describe('redactTokensInText', () => {
  test('redacts tokens embedded anywhere in text, glued to other characters or not', () => {
    const a = makeToken(64);
    const b = makeToken(16);
    const c = makeSourcegraphToken('id');
    const text = `fatal: bad path 'x${a}y'\n${b}\t(${c})`;
    const redacted = redactTokensInText(text);
    for (const token of [a, b, c]) expect(redacted).not.toContain(token);
    expect(tokenShapedStrings(redacted)).toEqual([]);
    expect(redacted).toContain(redactToken(`${a}y`));
    expect(redacted).toContain("fatal: bad path 'x");
  });

  test('leaves text without tokens alone', () => {
    const text = `nothing here: ${PREFIX}, ${PREFIX}abcd, sgp, é中😀`;
    expect(redactTokensInText(text)).toBe(text);
  });

  test('is idempotent', () => {
    const withTokens = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.integer({ min: 1, max: 80 }).map((n) => PREFIX + randomString(n)),
          fc.constant(PREFIX),
        ),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(withTokens, (text) => {
        const once = redactTokensInText(text);
        expect(redactTokensInText(once)).toBe(once);
        expect(tokenShapedStrings(once)).toEqual([]);
      }),
      { seed: 4, numRuns: 500 },
    );
  });
});
