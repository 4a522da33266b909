import { mergeResults } from '../../src/scan/mergeResults';
import { Finding, ScanResult } from '../../src/types';
import { finding, result } from './support/results';
import { highEntropyToken } from './support/tokens';

const at = (file: string, line: number): Finding =>
  finding({ token: highEntropyToken(), file, line });
const where = (merged: ScanResult) => merged.findings.map(({ file, line }) => `${file}:${line}`);

describe('mergeResults', () => {
  test("findings in the byte order of their paths, each file's lines in their order", () => {
    // UTF-16 order would put the emoji (a surrogate pair) before U+FF21; UTF-8 bytes after it.
    const emoji = 'x/\u{1F600}.txt';
    const wide = 'x/\uFF21.txt';
    const merged = mergeResults([
      result([at(emoji, 9), at(emoji, 2), at('b.txt', 1)]),
      result([at('a.txt', 5), at(wide, 3), at('B.txt', 7)]),
    ]);
    expect(where(merged)).toEqual([
      'B.txt:7',
      'a.txt:5',
      'b.txt:1',
      `${wide}:3`,
      `${emoji}:9`,
      `${emoji}:2`,
    ]);
  });

  test('counts summed, notices kept in order, nothing lost', () => {
    const first = result([at('a', 1)]);
    first.notices.push({ kind: 'risky-file', file: '.env' });
    const second = result([at('b', 1), at('c', 2)]);
    second.notices.push({ kind: 'risky-file', file: 'id_rsa' });
    second.summary.allowedInline = 3;
    const merged = mergeResults([first, second, result([])]);
    expect(merged.summary).toEqual({
      filesScanned: 6,
      linesScanned: 30,
      placeholdersIgnored: 3,
      allowedInline: 3,
      filesIgnored: 0,
    });
    expect(merged.notices.map((notice) => notice.file)).toEqual(['.env', 'id_rsa']);
    expect(merged.findings).toHaveLength(3);
  });

  test('one result comes back as it was', () => {
    const only = result([at('z', 2), at('z', 1)]);
    expect(mergeResults([only])).toEqual(only);
  });
});
