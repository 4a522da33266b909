/**
 * Fuzzing git's C-unquoting and the `+++` name parser: arbitrary input either decodes or
 * throws a `bad-diff` ScanError (never another exception, never a hang), and every name git
 * could quote decodes back to exactly that name. The diff parser as a whole is fuzzed in
 * test/unit/parseDiff.property.test.ts.
 */
import fc from 'fast-check';
import { parseNewPath } from '../../src/diff/parseDiff';
import { unquoteCString } from '../../src/diff/unquote';
import { ScanError } from '../../src/errors';

const SEED = 20260502;
const RUNS = 2000;
/** Generous for a shared 2-core machine; inputs are at most ~100 KB. */
const MAX_MS = 1000;

/** git's quote_c_style (quote.c) with core.quotePath=true, over the name's UTF-8 bytes. */
function gitQuote(name: Buffer): string {
  const letters: Record<number, string> = {
    7: 'a',
    8: 'b',
    9: 't',
    10: 'n',
    11: 'v',
    12: 'f',
    13: 'r',
  };
  let out = '"';
  for (const byte of name) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (letters[byte]) out += `\\${letters[byte]}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

function needsQuoting(name: Buffer): boolean {
  return name.some((byte) => byte < 0x20 || byte >= 0x7f || byte === 0x22 || byte === 0x5c);
}

/** What git prints after `+++ ` for a new file called `name` (diff.c: quote_two + name_b_tab). */
function plusLineName(name: string): string {
  const bytes = Buffer.from(`b/${name}`);
  const shown = needsQuoting(bytes) ? gitQuote(bytes) : `b/${name}`;
  return name.includes(' ') ? `${shown}\t` : shown;
}

/** 'ok' or 'bad-diff'; anything else thrown fails the property. Also bounds the time taken. */
function outcome(run: () => unknown): 'ok' | 'bad-diff' {
  const started = performance.now();
  try {
    run();
    return 'ok';
  } catch (error) {
    if (error instanceof ScanError && error.kind === 'bad-diff') {
      expect(error.message).not.toMatch(/\n/);
      return 'bad-diff';
    }
    throw error;
  } finally {
    expect(performance.now() - started).toBeLessThan(MAX_MS);
  }
}

/** Pieces that look like C-quoting, so random input reaches deep into the decoder. */
const quotish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '"',
        '\\',
        '\\"',
        '\\\\',
        '\\n',
        '\\t',
        '\\q',
        '\\0',
        '\\07',
        '\\377',
        '\\400',
        '\\3',
        '\\8',
        '\t',
        ' ',
        'b/',
        '/dev/null',
      ),
      fc.string({ maxLength: 4 }),
      fc.integer({ min: 0, max: 0o777 }).map((n) => `\\${n.toString(8).padStart(3, '0')}`),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

const anyInput = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  quotish,
  quotish.map((s) => `"${s}`),
  quotish.map((s) => `"b/${s}"`),
  // Well-formed quoting followed by anything.
  fc
    .tuple(fc.uint8Array({ maxLength: 40 }), quotish)
    .map(([bytes, rest]) => gitQuote(Buffer.from(bytes)) + rest),
);

describe(`C-unquoting and +++ names under fuzzing (seed ${SEED}, ${RUNS} runs each)`, () => {
  test('unquoteCString: decodes or throws bad-diff, and `end` is just past a closing quote', () => {
    const seen = { ok: 0, 'bad-diff': 0 };
    fc.assert(
      fc.property(anyInput, fc.oneof(fc.constant(0), fc.nat(5)), (input, start) => {
        const from = Math.min(start, input.length);
        let result: ReturnType<typeof unquoteCString> | undefined;
        seen[outcome(() => (result = unquoteCString(input, from)))] += 1;
        if (result) {
          expect(input[from]).toBe('"');
          expect(input[result.end - 1]).toBe('"');
          expect(result.end).toBeGreaterThan(from + 1);
          expect(result.end).toBeLessThanOrEqual(input.length);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes really happen, or the property says little.
    expect(seen.ok).toBeGreaterThan(RUNS / 20);
    expect(seen['bad-diff']).toBeGreaterThan(RUNS / 20);
  });

  test('every name git can quote (any bytes but NUL) decodes back exactly, whatever follows it', () => {
    const nameBytes = fc
      .uint8Array({ minLength: 1, maxLength: 120 })
      .map((bytes) => Buffer.from(bytes.map((b) => (b === 0 ? 1 : b))));
    fc.assert(
      fc.property(nameBytes, fc.constantFrom('', '\t', '\t"x"', ' "b/y"'), (bytes, after) => {
        const quoted = gitQuote(bytes);
        const result = unquoteCString(quoted + after);
        expect(result.end).toBe(quoted.length);
        // The decoder returns the exact bytes decoded as UTF-8 (invalid sequences as U+FFFD).
        expect(result.name).toBe(bytes.toString('utf8'));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('parseNewPath: arbitrary text after "+++ " is a name, null, or a bad-diff error', () => {
    fc.assert(
      fc.property(anyInput, (rest) => {
        let name: string | null | undefined;
        outcome(() => (name = parseNewPath(rest)));
        if (name !== undefined && name !== null) expect(rest).toMatch(/^"?b\//);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('parseNewPath reads back every file name the way git prints it', () => {
    const name = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
        fc.constantFrom(
          'a b',
          'tab\t',
          'nl\n',
          '"q"',
          'b\\s',
          '+++ b/x',
          ' ',
          'x\t',
          '\\',
          '/dev/null',
        ),
      )
      .filter((n) => !n.includes('\0') && Buffer.from(n).toString('utf8') === n);
    fc.assert(
      fc.property(name, (n) => {
        expect(parseNewPath(plusLineName(n))).toBe(n);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('huge hostile inputs are handled in linear time', () => {
    for (const input of [
      `"${'\\\\'.repeat(50000)}`,
      `"${'\\'.repeat(100001)}`,
      `"${'\\303\\251'.repeat(12000)}"`,
      `"${'a'.repeat(100000)}`,
      `${'"'.repeat(100000)}`,
    ]) {
      outcome(() => unquoteCString(input));
      outcome(() => parseNewPath(input));
    }
  });
});
