/**
 * Property tests for LineSplitter + DiffParser. Fixed seeds make failures reproducible: a failure
 * report prints the seed and path to replay it (fc.assert's `seed` / `path` options).
 */
import fc from 'fast-check';
import { ScanError } from '../../src/errors';
import { diffGitLine, diffLines, parseDiff, plusPlusPlusLine } from './support/diff';

const SEED = 20250101;
const RUNS = 500;
/** Generous for a 2-core shared machine: inputs are at most a few KiB. */
const MAX_MS_PER_INPUT = 1000;

/** Parses `input` in chunks of `chunkSize`; returns 'ok' or 'ScanError', rethrows anything else. */
function outcomeOf(input: Buffer, chunkSize: number, maxSegment: number): 'ok' | 'ScanError' {
  const started = performance.now();
  try {
    parseDiff(input, { chunkSize, maxSegment });
    return 'ok';
  } catch (error) {
    if (error instanceof ScanError && error.kind === 'bad-diff') return 'ScanError';
    throw error;
  } finally {
    expect(performance.now() - started).toBeLessThan(MAX_MS_PER_INPUT);
  }
}

/** Lines that look like diff syntax, so random inputs get past the first line now and then. */
const diffishLine = fc.oneof(
  fc.constantFrom(
    'diff --git a/x b/x',
    'diff --git "a/\\303\\251" "b/\\303\\251"',
    'index 1111111..2222222 100644',
    'index 1111111..2222222 160000',
    'new file mode 100644',
    'new file mode 160000',
    'deleted file mode 100644',
    'similarity index 100%',
    'rename from x',
    'rename to y',
    '--- a/x',
    '--- /dev/null',
    '+++ b/x',
    '+++ /dev/null',
    '+++ "b/a\\tb"',
    '+++ "b/bad\\q"',
    '+++ b/with space\t',
    '@@ -0,0 +1 @@',
    '@@ -1 +1 @@',
    '@@ -1,2 +1,3 @@ context',
    '@@ -3,0 +4,2 @@',
    '@@ -1 +0,0 @@',
    '\\ No newline at end of file',
    '',
    ' ',
  ),
  fc.string({ maxLength: 40 }).map((s) => `+${s}`),
  fc.string({ maxLength: 40 }).map((s) => `-${s}`),
  fc.string({ maxLength: 40 }).map((s) => ` ${s}`),
  fc.string({ maxLength: 40 }),
);

const chunkSize = fc.integer({ min: 1, max: 97 });
const maxSegment = fc.integer({ min: 16, max: 256 });

describe(`DiffParser properties (seed ${SEED}, ${RUNS} runs each)`, () => {
  test('arbitrary strings in arbitrary chunks: parsed or a bad-diff ScanError, nothing else', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2000 }),
        chunkSize,
        maxSegment,
        (text, size, max) => {
          outcomeOf(Buffer.from(text, 'utf8'), size, max);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('arbitrary bytes in arbitrary chunks: parsed or a bad-diff ScanError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), chunkSize, maxSegment, (bytes, size, max) => {
        outcomeOf(Buffer.from(bytes), size, max);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('random sequences of diff-like lines: parsed or a bad-diff ScanError, nothing else', () => {
    const outcomes = { ok: 0, ScanError: 0 };
    fc.assert(
      fc.property(
        fc.array(diffishLine, { maxLength: 40 }),
        fc.boolean(),
        chunkSize,
        maxSegment,
        (lines, startWithDiffGit, size, max) => {
          const all = startWithDiffGit ? ['diff --git a/x b/x', ...lines] : lines;
          outcomes[outcomeOf(Buffer.from(diffLines(...all)), size, max)] += 1;
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // Both branches must actually be exercised, or the property proves little.
    expect(outcomes.ok).toBeGreaterThan(RUNS / 50);
    expect(outcomes.ScanError).toBeGreaterThan(RUNS / 50);
  });

  test('diffs built like git builds them parse back to exactly their added lines', () => {
    const name = fc
      .oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
        fc.constantFrom('+++ b', '-dash', '--', 'a b', 'tab\t', 'nl\n', 'q"', 'b\\s', 'é ü'),
      )
      .filter((n) => !n.includes('\0'));
    const contentLine = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.constantFrom('+++ b/x', '--- a/x', '@@ -1 +1 @@', 'diff --git a/x b/x', '\\ z', '++', ''),
      // Long enough to be cut into several segments.
      fc
        .tuple(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
          fc.integer({ min: 500, max: 3000 }),
        )
        .map(([piece, times]) => piece.repeat(times)),
    );
    const hunk = fc.record({
      gap: fc.integer({ min: 0, max: 5 }),
      removed: fc.array(contentLine, { maxLength: 3 }),
      added: fc.array(
        contentLine.map((line) => line.replace(/[\r\n]/g, '')),
        { maxLength: 4 },
      ),
      crlf: fc.boolean(),
    });
    const file = fc.record({ name, hunks: fc.array(hunk, { minLength: 1, maxLength: 3 }) });

    fc.assert(
      fc.property(
        fc.uniqueArray(file, { selector: (f) => f.name, maxLength: 4 }),
        chunkSize,
        // Header lines must fit in one segment; names here stay well under 4 KiB.
        fc.constantFrom(4096, 1 << 20),
        (files, size, max) => {
          const lines: string[] = [];
          const expected: { file: string; line: number; text: string }[] = [];
          for (const { name: fileName, hunks } of files) {
            lines.push(diffGitLine(fileName), 'index 1111111..2222222 100644');
            lines.push(`--- a/x`, plusPlusPlusLine(fileName));
            let oldLine = 0;
            let newLine = 0;
            for (const { gap, removed, added, crlf } of hunks) {
              oldLine += gap + 1;
              newLine += gap + 1;
              const oldStart = removed.length ? oldLine : oldLine - 1;
              const newStart = added.length ? newLine : newLine - 1;
              lines.push(`@@ -${oldStart},${removed.length} +${newStart},${added.length} @@`);
              lines.push(...removed.map((r) => `-${r.replace(/\n/g, '')}`));
              added.forEach((text, index) => {
                lines.push(`+${text}${crlf ? '\r' : ''}`);
                expected.push({ file: fileName, line: newLine + index, text });
              });
              oldLine += removed.length;
              newLine += added.length;
            }
          }
          const parsed = parseDiff(diffLines(...lines), { chunkSize: size, maxSegment: max });
          expect(parsed.files).toEqual(files.map((f) => f.name));
          expect(parsed.added).toEqual(expected);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
