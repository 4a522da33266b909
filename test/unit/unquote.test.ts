import { ScanError } from '../../src/errors';
import { unquoteCString } from '../../src/diff/unquote';

/** The ScanError thrown by `fn`, or a failure if it throws nothing or something else. */
function scanErrorOf(fn: () => unknown): ScanError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScanError);
    return error as ScanError;
  }
  throw new Error('expected a ScanError, nothing was thrown');
}

describe('unquoteCString', () => {
  test.each([
    ['\\a', '\x07'],
    ['\\b', '\b'],
    ['\\t', '\t'],
    ['\\n', '\n'],
    ['\\v', '\v'],
    ['\\f', '\f'],
    ['\\r', '\r'],
    ['\\"', '"'],
    ['\\\\', '\\'],
  ])('decodes the escape %s', (escape, expected) => {
    expect(unquoteCString(`"x${escape}y"`)).toEqual({ name: `x${expected}y`, end: 6 });
  });

  test('decodes all simple escapes in one name', () => {
    const quoted = '"\\a\\b\\t\\n\\v\\f\\r\\"\\\\"';
    expect(unquoteCString(quoted)).toEqual({ name: '\x07\b\t\n\v\f\r"\\', end: quoted.length });
  });

  test.each([
    ['é (2 bytes)', '"caf\\303\\251.txt"', 'café.txt'],
    ['CJK (3 bytes each)', '"\\344\\270\\255\\346\\226\\207.txt"', '中文.txt'],
    ['emoji (4 bytes)', '"\\360\\237\\230\\200.txt"', '😀.txt'],
    ['DEL and a control byte', '"a\\177b\\001c"', 'a\x7fb\x01c'],
    ['NUL', '"a\\000b"', 'a\0b'],
  ])('decodes octal escapes into UTF-8: %s', (_label, quoted, expected) => {
    expect(unquoteCString(quoted)).toEqual({ name: expected, end: quoted.length });
  });

  test('octal escapes are exactly three digits: a fourth digit is a literal', () => {
    expect(unquoteCString('"\\1014"').name).toBe('A4');
  });

  test('an invalid UTF-8 byte sequence decodes to U+FFFD rather than failing', () => {
    expect(unquoteCString('"a\\303"').name).toBe('a\uFFFD');
  });

  test('keeps unescaped characters, including spaces and non-ASCII text', () => {
    expect(unquoteCString('"b/with space é"').name).toBe('b/with space é');
  });

  test('starts at the given offset and reports the index past the closing quote', () => {
    const input = 'diff --git "a/x\\ty" "b/x\\ty"';
    const first = unquoteCString(input, input.indexOf('"'));
    expect(first).toEqual({ name: 'a/x\ty', end: input.indexOf(' "b/') });
    const second = unquoteCString(input, first.end + 1);
    expect(second).toEqual({ name: 'b/x\ty', end: input.length });
  });

  test('stops at the first unescaped quote and ignores what follows', () => {
    expect(unquoteCString('"ab"\tafter')).toEqual({ name: 'ab', end: 4 });
  });

  test('an empty quoted name is allowed', () => {
    expect(unquoteCString('""')).toEqual({ name: '', end: 2 });
  });

  test.each([
    ['no opening quote', 'abc"'],
    ['unterminated', '"abc'],
    ['ends in a lone backslash', '"abc\\'],
    ['escape at the very end', '"abc\\"'],
    ['unknown letter escape', '"a\\xb"'],
    ['unknown escape \\e', '"a\\eb"'],
    ['octal above \\377', '"a\\400"'],
    ['octal with a digit 8', '"a\\181"'],
    ['two-digit octal', '"a\\12"'],
    ['one-digit octal', '"a\\1"'],
  ])('rejects %s with a bad-diff ScanError', (_label, input) => {
    const error = scanErrorOf(() => unquoteCString(input));
    expect(error.kind).toBe('bad-diff');
    expect(error.message).toMatch(/^unexpected git output: /);
    expect(error.message).not.toContain('\n');
  });

  test('a bad escape names the escape in the message', () => {
    expect(scanErrorOf(() => unquoteCString('"a\\qb"')).message).toContain('unknown escape \\q');
  });

  test('the message quotes at most 200 characters of the input', () => {
    const input = `"${'a'.repeat(1000)}`;
    const error = scanErrorOf(() => unquoteCString(input));
    expect(error.message.length).toBeLessThan(300);
  });
});
