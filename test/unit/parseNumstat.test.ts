import { parseNumstatZ } from '../../src/diff/parseNumstat';
import { ScanError } from '../../src/errors';
import { withStagedSummary } from '../../src/scan/stagedSummary';
import { DEFAULT_CONFIG } from '../../src/config/config';

describe('parseNumstatZ', () => {
  test('plain entries, binary entries and renames (empty name field, then old and new)', () => {
    const output =
      '3\t0\tsrc/a b.js\0-\t-\tlogo.png\x000\t0\t\0old name.txt\0new\tname.txt\0' + '2\t1\tz\0';
    expect(parseNumstatZ(output)).toEqual([
      { file: 'src/a b.js', added: 3 },
      { file: 'logo.png', added: null },
      { file: 'new\tname.txt', added: 0 },
      { file: 'z', added: 2 },
    ]);
  });

  test('names may hold newlines and non-ASCII (raw with -z)', () => {
    expect(parseNumstatZ('1\t0\tline\nbreak é.txt\0')).toEqual([
      { file: 'line\nbreak é.txt', added: 1 },
    ]);
  });

  test('empty output: no files', () => {
    expect(parseNumstatZ('')).toEqual([]);
  });

  test.each([['garbage\0'], ['1\t0\t\0only-old\0'], ['1 0 name\0']])(
    '%j is a bad-diff error',
    (output) => {
      expect(() => parseNumstatZ(output)).toThrow(ScanError);
    },
  );
});

describe('withStagedSummary', () => {
  const result = {
    findings: [],
    notices: [],
    summary: {
      filesScanned: 0,
      linesScanned: 0,
      placeholdersIgnored: 2,
      allowedInline: 1,
      filesIgnored: 0,
    },
  };
  const EMPTY = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';
  const change = (file: string, status: string, oldId: string, newId: string) => ({
    file,
    exactName: true,
    status,
    newMode: '100644',
    oldId,
    newId,
  });
  const changes = [
    change('src/app.js', 'M', 'a'.repeat(40), 'b'.repeat(40)),
    change('docs/guide.md', 'A', '0'.repeat(40), 'c'.repeat(40)),
    change('.env', 'M', 'd'.repeat(40), 'e'.repeat(40)),
    change('renamed-only.txt', 'R', 'f'.repeat(40), 'f'.repeat(40)),
    change('.env.local', 'A', '0'.repeat(40), EMPTY),
    change('credentials.js', 'M', '1'.repeat(40), '1'.repeat(40)),
    change('image.png', 'A', '0'.repeat(40), '2'.repeat(40)),
    // Lines only deleted: a changed blob, but numstat counts no added line.
    change('.env.production', 'M', '3'.repeat(40), '4'.repeat(40)),
  ];
  const stats = [
    { file: 'src/app.js', added: 10 },
    { file: 'docs/guide.md', added: 5 },
    { file: '.env', added: 1 },
    { file: 'renamed-only.txt', added: 0 },
    { file: 'image.png', added: null },
    { file: '.env.production', added: 0 },
  ];

  test('counts files and lines with content, minus ignored paths; keeps the stream counts', () => {
    const config = { ...DEFAULT_CONFIG, ignorePaths: ['docs/**'] };
    const summary = withStagedSummary(result, changes, stats, config, true).summary;
    expect(summary).toEqual({
      filesScanned: 3,
      linesScanned: 11,
      placeholdersIgnored: 2,
      allowedInline: 1,
      filesIgnored: 1,
    });
  });

  test('without counts the stream counts stay; warnings still come from the changes', () => {
    const { summary, notices } = withStagedSummary(result, changes, [], DEFAULT_CONFIG, false);
    expect(summary).toEqual(result.summary);
    // Without a count for .env.production its changed blob is taken as new content.
    expect(notices).toEqual([
      { kind: 'risky-file', file: '.env' },
      { kind: 'risky-file', file: '.env.production' },
    ]);
  });

  // An empty new .env, a mode-only change of credentials.js and lines only deleted from
  // .env.production add nothing: no warning.
  test('risky files the commit adds lines to are warned about, unless turned off', () => {
    expect(withStagedSummary(result, changes, stats, DEFAULT_CONFIG, true).notices).toEqual([
      { kind: 'risky-file', file: '.env' },
    ]);
    expect(
      withStagedSummary(
        result,
        changes,
        stats,
        { ...DEFAULT_CONFIG, riskyFileWarnings: false },
        true,
      ).notices,
    ).toEqual([]);
  });
});
