import { DEFAULT_CONFIG } from '../../src/config/config';
import {
  COMMIT_MARKER,
  COMMIT_MARKER_FORMAT,
  parseCommitMarker,
} from '../../src/diff/commitMarker';
import { createDiffScanner } from '../../src/scan/diffScanner';
import { CommitInfo } from '../../src/types';
import { diffLines, newFileSection } from './support/diff';
import { highEntropyToken } from './support/tokens';

const ID_A = 'a'.repeat(40);
const ID_B = 'b'.repeat(40);

/** The marker line git prints for a commit with COMMIT_MARKER_FORMAT. */
function markerLine(
  id: string,
  date = '2024-01-02T03:04:05+01:00',
  author = 'Ann Lee <ann@example.com>',
) {
  return `${COMMIT_MARKER}${id}\0${date}\0${author}`;
}

describe('parseCommitMarker', () => {
  test('reads id, author date and author', () => {
    expect(parseCommitMarker(markerLine(ID_A))).toEqual({
      id: ID_A,
      date: '2024-01-02T03:04:05+01:00',
      author: 'Ann Lee <ann@example.com>',
    });
  });

  test('an author with an empty name and email still parses', () => {
    expect(parseCommitMarker(markerLine(ID_A, '2024-01-02T03:04:05Z', ' <>'))?.author).toBe(' <>');
  });

  test.each([
    ['a diff header', 'diff --git a/x b/x'],
    ['an empty line', ''],
    ['the marker text without its NUL bytes', `seg-hook-commit${ID_A}`],
    ['a marker with no fields', COMMIT_MARKER],
    ['a marker without a date', `${COMMIT_MARKER}${ID_A}`],
    ['a marker without an author', `${COMMIT_MARKER}${ID_A}\x002024-01-02T03:04:05Z`],
    ['a marker not at the start of the line', ` ${markerLine(ID_A)}`],
  ])('%s is not a marker', (_what, line) => {
    expect(parseCommitMarker(line)).toBeNull();
  });

  test('the --format git is given prints exactly what the parser expects', () => {
    // git expands %x00 to a NUL byte; the rest of the placeholders are id, date, author.
    const expanded = COMMIT_MARKER_FORMAT.replace(/^--format=/, '').replace(/%x00/g, '\0');
    expect(expanded.startsWith(COMMIT_MARKER)).toBe(true);
    expect(expanded.slice(COMMIT_MARKER.length).split('\0')).toEqual(['%H', '%aI', '%an <%ae>']);
  });
});

describe('a git log -p stream through the diff scanner', () => {
  function scan(stream: string, chunkSize = Infinity) {
    const seen: CommitInfo[] = [];
    const scanner = createDiffScanner(DEFAULT_CONFIG, {
      commits: true,
      onCommit: (commit) => seen.push(commit),
    });
    const bytes = Buffer.from(stream, 'utf8');
    const size = Math.min(chunkSize, bytes.length);
    for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
    return { ...scanner.end(), seen };
  }

  const first = highEntropyToken(40);
  const second = highEntropyToken(40);
  const stream = diffLines(
    markerLine(ID_B),
    '',
    ...newFileSection('b.txt', ['clean', `key=${second}`]),
    // A commit that adds nothing (a deletion, an empty commit) is still a marker.
    markerLine('c'.repeat(40)),
    markerLine(ID_A, '2023-05-06T07:08:09Z'),
    '',
    ...newFileSection('a.txt', [`key=${first}`]),
  );

  test.each([Infinity, 1, 7])(
    'findings carry the commit whose patch added them (chunks of %d bytes)',
    (chunkSize) => {
      const { findings, summary, seen } = scan(stream, chunkSize);
      expect(findings.map((f) => [f.file, f.line, f.token, f.commit?.id])).toEqual([
        ['b.txt', 2, second, ID_B],
        ['a.txt', 1, first, ID_A],
      ]);
      expect(findings[1].commit?.date).toBe('2023-05-06T07:08:09Z');
      expect(summary.commitsScanned).toBe(3);
      expect(seen.map((c) => c.id)).toEqual([ID_B, 'c'.repeat(40), ID_A]);
    },
  );

  test('an added line that holds the marker text is content, not a new commit', () => {
    const token = highEntropyToken(40);
    const forged = markerLine('d'.repeat(40));
    const { findings, summary } = scan(
      diffLines(markerLine(ID_A), '', ...newFileSection('x.txt', [forged, `key=${token}`])),
    );
    expect(summary.commitsScanned).toBe(1);
    expect(findings.map((f) => [f.line, f.commit?.id])).toEqual([[2, ID_A]]);
  });

  test('without the commits option a marker line is not accepted (staged diffs have none)', () => {
    const scanner = createDiffScanner(DEFAULT_CONFIG);
    expect(() => {
      scanner.push(Buffer.from(diffLines(markerLine(ID_A), ...newFileSection('x.txt', ['a']))));
      scanner.end();
    }).toThrow(/unexpected git output/);
  });
});
