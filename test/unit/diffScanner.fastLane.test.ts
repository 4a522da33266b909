/**
 * The fast lane (lines without any needle skip the line scanner) must give exactly the
 * findings and counts of the checked path, for any diff cut into any chunks.
 */
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { createDiffScanner } from '../../src/scan/diffScanner';
import { ScanResult } from '../../src/types';
import { makeToken, PREFIX, randomString } from '../helpers/tokens';

const SEED = Number(process.env.SEG_HOOK_PROPERTY_SEED ?? 20261128);
const RUNS = 300;

function scan(diff: Buffer, chunkSize: number, fastLane: boolean): ScanResult {
  const scanner = createDiffScanner(DEFAULT_CONFIG, { fastLane });
  for (let at = 0; at < diff.length; at += chunkSize)
    scanner.push(diff.subarray(at, at + chunkSize));
  return scanner.end();
}

const contentLine = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.constantFrom(
    '+++ b/x',
    '--- a/x',
    '@@ -1 +1 @@',
    'diff --git a/x b/x',
    '\\ z',
    '++',
    '',
    '-',
    '+',
  ),
  fc.constant('TOKEN'),
  fc.constant(`${PREFIX}${'x'.repeat(20)}`),
  fc.constant(`SEGMENT_TOKEN=${randomString(20)}7`),
);

const hunk = fc.record({
  removed: fc.array(contentLine, { maxLength: 3 }),
  added: fc.array(contentLine, { maxLength: 5 }),
  crlf: fc.boolean(),
  noNewline: fc.boolean(),
});

test('fast lane and checked path agree on every diff and chunking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(hunk, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 200 }),
      (files, chunkSize) => {
        const lines: string[] = [];
        const planted: { file: string; line: number; token: string }[] = [];
        files.forEach((hunks, fileIndex) => {
          const name = `dir/file ${fileIndex}.txt`;
          lines.push(`diff --git a/${name} b/${name}`, 'index 1111111..2222222 100644');
          lines.push(`--- a/${name}`, `+++ b/${name}\t`);
          let line = 1;
          for (const { removed, added, crlf, noNewline } of hunks) {
            const start = added.length ? line : line - 1;
            lines.push(`@@ -${line},${removed.length} +${start},${added.length} @@`);
            lines.push(...removed.map((r) => `-${r === 'TOKEN' ? makeToken(32) : r}`));
            added.forEach((text, index) => {
              const token = text === 'TOKEN' ? makeToken(64) : null;
              if (token) planted.push({ file: name, line: line + index, token });
              lines.push(`+${token ? `key = "${token}"` : text}${crlf ? '\r' : ''}`);
            });
            if (noNewline && added.length) lines.push('\\ No newline at end of file');
            line += added.length + 2;
          }
        });
        const diff = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        const fast = scan(diff, chunkSize, true);
        const checked = scan(diff, chunkSize, false);
        expect(fast).toEqual(checked);
        const found = fast.findings
          .filter((f) => f.ruleId === 'segment-public-api-token')
          .map((f) => ({ file: f.file, line: f.line, token: f.token }));
        expect(found).toEqual(planted);
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});
