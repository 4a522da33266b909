import { ScanError } from '../../src/errors';
import { parseNewPath } from '../../src/diff/parseDiff';
import { diffLines, newFileSection, parseDiff, ParseOptions } from './support/diff';

function expectBadDiff(diff: string, options?: ParseOptions): ScanError {
  let caught: unknown;
  try {
    parseDiff(diff, options);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScanError);
  const error = caught as ScanError;
  expect(error.kind).toBe('bad-diff');
  expect(error.message).toMatch(/^unexpected git output: /);
  expect(error.message).not.toMatch(/[\r\n]/);
  return error;
}

// Captured from `git diff --cached -U0 --text -M` (see src/git/stagedDiff.ts), then trimmed.
const MODIFIED_FILE = diffLines(
  'diff --git a/keep.txt b/keep.txt',
  'index 4cb29ea..3b6eb63 100644',
  '--- a/keep.txt',
  '+++ b/keep.txt',
  '@@ -2 +2 @@ one',
  '-two',
  '+++two',
  '@@ -3,0 +4,3 @@ three',
  '+--x',
  '+@@ y',
  '+\\ z',
  '@@ -10,2 +12,0 @@ ten',
  '-gone 1',
  '-gone 2',
  '@@ -20 +20,2 @@',
  '-old',
  '+new 20',
  '+new 21',
);

describe('DiffParser: added lines and line numbers', () => {
  test('reports added lines with 1-based new-side line numbers across hunks', () => {
    expect(parseDiff(MODIFIED_FILE)).toEqual({
      files: ['keep.txt'],
      added: [
        { file: 'keep.txt', line: 2, text: '++two' },
        { file: 'keep.txt', line: 4, text: '--x' },
        { file: 'keep.txt', line: 5, text: '@@ y' },
        { file: 'keep.txt', line: 6, text: '\\ z' },
        { file: 'keep.txt', line: 20, text: 'new 20' },
        { file: 'keep.txt', line: 21, text: 'new 21' },
      ],
    });
  });

  test('follows several files, each with its own numbering', () => {
    const diff = diffLines(
      ...newFileSection('a.txt', ['a1', 'a2']),
      'diff --git a/b.txt b/b.txt',
      'index 1111111..2222222 100644',
      '--- a/b.txt',
      '+++ b/b.txt',
      '@@ -7,0 +8 @@ context',
      '+b8',
      ...newFileSection('c.txt', ['c1']),
    );
    expect(parseDiff(diff)).toEqual({
      files: ['a.txt', 'b.txt', 'c.txt'],
      added: [
        { file: 'a.txt', line: 1, text: 'a1' },
        { file: 'a.txt', line: 2, text: 'a2' },
        { file: 'b.txt', line: 8, text: 'b8' },
        { file: 'c.txt', line: 1, text: 'c1' },
      ],
    });
  });

  test('content that looks like diff syntax is content, tracked by the hunk counts', () => {
    const tricky = [
      '++ not a header',
      '-- not removed',
      '@@ -1 +1 @@ not a hunk',
      'diff --git a/evil b/evil',
      '+++ b/evil',
      '--- a/evil',
      '\\ No newline at end of file',
      'index 0000000..1111111',
      'new file mode 160000',
      '',
    ];
    const diff = diffLines(
      'diff --git a/t.txt b/t.txt',
      'index 1111111..2222222 100644',
      '--- a/t.txt',
      '+++ b/t.txt',
      `@@ -1,3 +1,${tricky.length} @@`,
      '-diff --git a/x b/x',
      '---- a/x',
      '-+++ b/x',
      ...tricky.map((line) => `+${line}`),
      ...newFileSection('next.txt', ['after']),
    );
    const parsed = parseDiff(diff);
    expect(parsed.files).toEqual(['t.txt', 'next.txt']);
    expect(parsed.added).toEqual([
      ...tricky.map((text, index) => ({ file: 't.txt', line: index + 1, text })),
      { file: 'next.txt', line: 1, text: 'after' },
    ]);
  });

  test('"\\ No newline at end of file" in the middle and at the end of a hunk is skipped', () => {
    const diff = diffLines(
      'diff --git a/m.txt b/m.txt',
      'index de98044..36ef1ba 100644',
      '--- a/m.txt',
      '+++ b/m.txt',
      '@@ -2,2 +2,2 @@ a',
      '-b',
      '-c',
      '\\ No newline at end of file',
      '+B',
      '+c',
      '\\ No newline at end of file',
      ...newFileSection('n.txt', ['n']),
    );
    expect(parseDiff(diff).added).toEqual([
      { file: 'm.txt', line: 2, text: 'B' },
      { file: 'm.txt', line: 3, text: 'c' },
      { file: 'n.txt', line: 1, text: 'n' },
    ]);
  });

  test('the diff may end right after "\\ No newline at end of file", with or without a newline', () => {
    const lines = newFileSection('nonl.txt', ['nonl'], true);
    expect(parseDiff(diffLines(...lines)).added).toEqual([
      { file: 'nonl.txt', line: 1, text: 'nonl' },
    ]);
    expect(parseDiff(lines.join('\n')).added).toHaveLength(1);
  });

  test('a trailing \\r (CRLF files) is stripped; other \\r characters stay', () => {
    const diff = diffLines(...newFileSection('crlf.txt', ['crlf\r', 'a\rb\r', '\r', 'plain']));
    expect(parseDiff(diff).added.map((a) => a.text)).toEqual(['crlf', 'a\rb', '', 'plain']);
  });

  test('context lines (from a widened diff) are counted towards the new line numbers', () => {
    const diff = diffLines(
      'diff --git a/c.txt b/c.txt',
      'index 1111111..2222222 100644',
      '--- a/c.txt',
      '+++ b/c.txt',
      '@@ -1,3 +1,3 @@',
      ' a',
      '-b',
      '+B',
      ' c',
      '@@ -9,2 +9,2 @@',
      '',
      '-x',
      '+X',
    );
    expect(parseDiff(diff).added).toEqual([
      { file: 'c.txt', line: 2, text: 'B' },
      { file: 'c.txt', line: 10, text: 'X' },
    ]);
  });

  test('hunk headers: counts omitted mean 1, ",0" means none', () => {
    const diff = diffLines(
      'diff --git a/h.txt b/h.txt',
      'index 1111111..2222222 100644',
      '--- a/h.txt',
      '+++ b/h.txt',
      '@@ -1 +1 @@',
      '-one',
      '+ONE',
      '@@ -3,0 +4 @@',
      '+four',
      '@@ -7 +7,0 @@',
      '-seven',
      '@@ -9,0 +9,2 @@',
      '+nine',
      '+ten',
    );
    expect(parseDiff(diff).added).toEqual([
      { file: 'h.txt', line: 1, text: 'ONE' },
      { file: 'h.txt', line: 4, text: 'four' },
      { file: 'h.txt', line: 9, text: 'nine' },
      { file: 'h.txt', line: 10, text: 'ten' },
    ]);
  });

  test('an empty diff (nothing staged) yields nothing', () => {
    expect(parseDiff('')).toEqual({ files: [], added: [] });
    expect(parseDiff('\n')).toEqual({ files: [], added: [] });
  });
});

describe('DiffParser: file-level changes', () => {
  test('a deleted file ("+++ /dev/null") adds nothing and is not an error', () => {
    const diff = diffLines(
      'diff --git a/del.txt b/del.txt',
      'deleted file mode 100644',
      'index 286c5f5..0000000',
      '--- a/del.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-gone',
      '-+looks added',
      ...newFileSection('kept.txt', ['k']),
    );
    expect(parseDiff(diff)).toEqual({
      files: ['kept.txt'],
      added: [{ file: 'kept.txt', line: 1, text: 'k' }],
    });
  });

  test('a file replaced by a symlink (delete + new, as git prints a type change) is read', () => {
    const diff = diffLines(
      'diff --git a/keep.txt b/keep.txt',
      'deleted file mode 100644',
      'index 3b6eb63..0000000',
      '--- a/keep.txt',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-one',
      '-two',
      'diff --git a/keep.txt b/keep.txt',
      'new file mode 120000',
      'index 0000000..347bda8',
      '--- /dev/null',
      '+++ b/keep.txt',
      '@@ -0,0 +1 @@',
      '+m.txt',
      '\\ No newline at end of file',
    );
    expect(parseDiff(diff)).toEqual({
      files: ['keep.txt'],
      added: [{ file: 'keep.txt', line: 1, text: 'm.txt' }],
    });
  });

  test('a new file is reported from line 1', () => {
    expect(parseDiff(diffLines(...newFileSection('new.txt', ['x', 'y']))).added).toEqual([
      { file: 'new.txt', line: 1, text: 'x' },
      { file: 'new.txt', line: 2, text: 'y' },
    ]);
  });

  test('a pure rename adds nothing; a rename with changes reports the new name', () => {
    const diff = diffLines(
      'diff --git a/old name.txt b/new name.txt',
      'similarity index 100%',
      'rename from old name.txt',
      'rename to new name.txt',
      'diff --git a/big.txt b/big2.txt',
      'similarity index 87%',
      'rename from big.txt',
      'rename to big2.txt',
      'index c9e9e05..6bfbf55 100644',
      '--- a/big.txt',
      '+++ b/big2.txt',
      '@@ -10,0 +11 @@ ten',
      '+eleven',
    );
    expect(parseDiff(diff)).toEqual({
      files: ['big2.txt'],
      added: [{ file: 'big2.txt', line: 11, text: 'eleven' }],
    });
  });

  test('copies and dissimilarity are understood', () => {
    const diff = diffLines(
      'diff --git a/src.txt b/copy.txt',
      'similarity index 90%',
      'copy from src.txt',
      'copy to copy.txt',
      'index 1111111..2222222 100644',
      '--- a/src.txt',
      '+++ b/copy.txt',
      '@@ -3,0 +4 @@',
      '+copied',
      'diff --git a/rw.txt b/rw.txt',
      'dissimilarity index 80%',
      'index 1111111..2222222 100644',
      '--- a/rw.txt',
      '+++ b/rw.txt',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    );
    expect(parseDiff(diff).added).toEqual([
      { file: 'copy.txt', line: 4, text: 'copied' },
      { file: 'rw.txt', line: 1, text: 'b' },
    ]);
  });

  test('mode changes alone add nothing; with content they add their lines', () => {
    const diff = diffLines(
      'diff --git a/mode.sh b/mode.sh',
      'old mode 100644',
      'new mode 100755',
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      'index 1111111..2222222',
      '--- a/run.sh',
      '+++ b/run.sh',
      '@@ -1,0 +2 @@',
      '+echo hi',
    );
    expect(parseDiff(diff)).toEqual({
      files: ['run.sh'],
      added: [{ file: 'run.sh', line: 2, text: 'echo hi' }],
    });
  });

  test('submodules (mode 160000) are not text: no file, no added lines', () => {
    const diff = diffLines(
      'diff --git a/subm b/subm',
      'index 1111111..2222222 160000',
      '--- a/subm',
      '+++ b/subm',
      '@@ -1 +1 @@',
      '-Subproject commit 1111111111111111111111111111111111111111',
      '+Subproject commit 2222222222222222222222222222222222222222',
      'diff --git a/subm2 b/subm2',
      'new file mode 160000',
      'index 0000000..3333333',
      '--- /dev/null',
      '+++ b/subm2',
      '@@ -0,0 +1 @@',
      '+Subproject commit 3333333333333333333333333333333333333333',
      'diff --git a/file-to-sub b/file-to-sub',
      'old mode 100644',
      'new mode 160000',
      'index 1111111..4444444',
      '--- a/file-to-sub',
      '+++ b/file-to-sub',
      '@@ -1 +1 @@',
      '-text',
      '+Subproject commit 4444444444444444444444444444444444444444',
      ...newFileSection('after.txt', ['after']),
    );
    expect(parseDiff(diff)).toEqual({
      files: ['after.txt'],
      added: [{ file: 'after.txt', line: 1, text: 'after' }],
    });
  });
});

describe('DiffParser: file names', () => {
  test.each([
    ['quoted octal UTF-8 (é)', '+++ "b/caf\\303\\251.txt"', 'café.txt'],
    ['quoted octal CJK', '+++ "b/\\344\\270\\255\\346\\226\\207.txt"', '中文.txt'],
    ['quoted octal emoji', '+++ "b/\\360\\237\\230\\200.txt"', '😀.txt'],
    ['a tab', '+++ "b/a\\tb"', 'a\tb'],
    ['a newline', '+++ "b/n\\nl"', 'n\nl'],
    ['a double quote', '+++ "b/q\\"uote"', 'q"uote'],
    ['a backslash', '+++ "b/back\\\\sl"', 'back\\sl'],
    ['spaces, with the TAB git appends', '+++ b/with space\t', 'with space'],
    ['a quoted name with a space, with the TAB git appends', '+++ "b/sp \\303\\251"\t', 'sp é'],
    ['a quoted name with a space and a tab', '+++ "b/sp ace\\tand tab"\t', 'sp ace\tand tab'],
    ['"+++ " inside the name', '+++ b/+++ b\t', '+++ b'],
    ['a leading dash', '+++ b/-dash', '-dash'],
    ['only dashes', '+++ b/--', '--'],
    ['a directory', '+++ b/src/deep/dir/x.ts', 'src/deep/dir/x.ts'],
    ['a name that ends with a tab (quoted by git)', '+++ "b/tab\\t"', 'tab\t'],
  ])('decodes %s', (_label, plusLine, expected) => {
    const diff = diffLines(
      'diff --git a/whatever b/whatever',
      'new file mode 100644',
      'index 0000000..1111111',
      '--- /dev/null',
      plusLine,
      '@@ -0,0 +1 @@',
      '+content',
    );
    expect(parseDiff(diff)).toEqual({
      files: [expected],
      added: [{ file: expected, line: 1, text: 'content' }],
    });
  });

  test('parseNewPath: /dev/null is no file', () => {
    expect(parseNewPath('/dev/null')).toBeNull();
  });

  test.each([
    ['a name without the b/ prefix', 'x/name'],
    ['a quoted name without the b/ prefix', '"x/n\\tame"'],
    ['text after a quoted name', '"b/name" extra'],
    ['a bad escape', '"b/a\\qb"'],
    ['an unterminated quote', '"b/abc'],
  ])('parseNewPath rejects %s', (_label, rest) => {
    expect(() => parseNewPath(rest)).toThrow(ScanError);
  });
});

describe('DiffParser: long lines and chunking', () => {
  test('the same diff parses identically in any chunk size', () => {
    const expected = parseDiff(MODIFIED_FILE);
    for (const chunkSize of [1, 2, 3, 5, 8, 13, 64]) {
      expect(parseDiff(MODIFIED_FILE, { chunkSize })).toEqual(expected);
    }
  });

  test('a long added line arrives in segments with one line number; its \\r is stripped', () => {
    const long = `${'word, '.repeat(60)}end\r`;
    const diff = diffLines(
      'diff --git a/l.txt b/l.txt',
      'index 1111111..2222222 100644',
      '--- a/l.txt',
      '+++ b/l.txt',
      '@@ -1,2 +1,2 @@',
      `-${'removed '.repeat(40)}`,
      `+${long}`,
      '-short',
      '+after',
    );
    for (const chunkSize of [1, 7, 100, 10000]) {
      expect(parseDiff(diff, { chunkSize, maxSegment: 64 }).added).toEqual([
        { file: 'l.txt', line: 1, text: long.slice(0, -1) },
        { file: 'l.txt', line: 2, text: 'after' },
      ]);
    }
  });

  test('a long last line of a hunk ends the hunk only after its last segment', () => {
    const long = 'z'.repeat(300);
    const diff = diffLines(...newFileSection('a.txt', [long]), ...newFileSection('b.txt', ['b']));
    expect(parseDiff(diff, { maxSegment: 64, chunkSize: 10 }).added).toEqual([
      { file: 'a.txt', line: 1, text: long },
      { file: 'b.txt', line: 1, text: 'b' },
    ]);
  });

  test('a header line longer than a segment is not git output', () => {
    const diff = diffLines(...newFileSection(`${'n'.repeat(100)}.txt`, ['x']));
    const error = expectBadDiff(diff, { maxSegment: 64 });
    expect(error.message).toContain('header line too long');
  });
});

describe('DiffParser: malformed input is a bad-diff ScanError', () => {
  test('garbage before the first "diff --git"', () => {
    expectBadDiff(diffLines('warning: something', ...newFileSection('a', ['x'])));
  });

  test.each([
    ['letters in the ranges', '@@ -a +b @@'],
    ['no closing @@', '@@ -1 +1'],
    ['no new range', '@@ -1 @@'],
    ['a negative count', '@@ -1,-1 +1 @@'],
  ])('a bad hunk header: %s', (_label, header) => {
    const error = expectBadDiff(
      diffLines(
        'diff --git a/x b/x',
        'index 1111111..2222222 100644',
        '--- a/x',
        '+++ b/x',
        header,
        '+y',
      ),
    );
    expect(error.message).toContain('malformed hunk header');
  });

  test('a hunk header without the space after @@ is not a hunk header', () => {
    expectBadDiff(diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@-1 +1 @@', '+y'));
  });

  test('more added lines than the header says', () => {
    expectBadDiff(
      diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -0,0 +1 @@', '+1', '+2'),
    );
  });

  test('more added lines than the header says, inside a hunk that also removes lines', () => {
    const error = expectBadDiff(
      diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,2 +1 @@', '+1', '+2', '-a'),
    );
    expect(error.message).toContain('more added lines');
  });

  test('more removed lines than the header says', () => {
    const error = expectBadDiff(
      diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1 +1,2 @@', '-a', '-b'),
    );
    expect(error.message).toContain('more removed lines');
  });

  test('more context lines than the header says', () => {
    const error = expectBadDiff(
      diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,2 +1 @@', ' a', ' b'),
    );
    expect(error.message).toContain('more context lines');
  });

  test('the diff ends inside a hunk', () => {
    const error = expectBadDiff(
      diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -0,0 +1,3 @@', '+1', '+2'),
    );
    expect(error.message).toContain('ended inside a hunk');
  });

  test('a long last added line without a final newline is complete, not truncated', () => {
    const text = `diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+${'q'.repeat(200)}`;
    expect(parseDiff(text, { maxSegment: 64, chunkSize: 9 }).added).toEqual([
      { file: 'x', line: 1, text: 'q'.repeat(200) },
    ]);
  });

  test('an unexpected line inside a hunk', () => {
    const error = expectBadDiff(
      diffLines('diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -0,0 +1,2 @@', '+1', '*2'),
    );
    expect(error.message).toContain('unexpected line inside a hunk');
  });

  test('a hunk before any "+++" line', () => {
    expectBadDiff(diffLines('diff --git a/x b/x', '@@ -0,0 +1 @@', '+1'));
  });

  test('an unknown header line', () => {
    const error = expectBadDiff(diffLines('diff --git a/x b/x', 'weird header', '+++ b/x'));
    expect(error.message).toContain('unrecognised header line');
  });

  test('a "+++" name git would never print', () => {
    expectBadDiff(diffLines('diff --git a/x b/x', '--- a/x', '+++ "b/x'));
    expectBadDiff(diffLines('diff --git a/x b/x', '--- a/x', '+++ c/x'));
  });

  test('the message quotes at most 80 bytes of the offending line', () => {
    const error = expectBadDiff(diffLines(`garbage ${'g'.repeat(500)}`));
    expect(error.message.length).toBeLessThan(160);
  });
});
