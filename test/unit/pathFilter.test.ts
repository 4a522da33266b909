import { createPathFilter } from '../../src/config/pathFilter';

/** The files a filter keeps (scans) out of `files`. */
function scanned(ignorePaths: string[], files: string[]): string[] {
  const shouldScan = createPathFilter(ignorePaths);
  return files.filter((file) => shouldScan(file));
}

/** The files of FILES a filter ignores. */
function ignored(ignorePaths: string[]): string[] {
  const kept = scanned(ignorePaths, FILES);
  return FILES.filter((file) => !kept.includes(file));
}

const FILES = [
  'README.md',
  'CHANGELOG.md',
  '.env',
  '.github/workflows/ci.yml',
  'docs/guide.md',
  'docs/deep/nested/page.md',
  'docs/.env',
  'docsite/index.html',
  'src/app.ts',
  'src/notes.md',
  'src/.env.local',
  'test/fixtures/tokens.txt',
  'with space/a b.txt',
  'café/中文.txt',
];

describe('createPathFilter', () => {
  test('no ignorePaths: every file is scanned', () => {
    expect(scanned([], FILES)).toEqual(FILES);
  });

  test('docs/** ignores everything under docs/, dotfiles included, and nothing else', () => {
    expect(scanned(['docs/**'], FILES)).toEqual(FILES.filter((file) => !file.startsWith('docs/')));
  });

  test('a pattern without a slash matches the basename at any depth (*.md), as README says', () => {
    expect(ignored(['*.md'])).toEqual([
      'README.md',
      'CHANGELOG.md',
      'docs/guide.md',
      'docs/deep/nested/page.md',
      'src/notes.md',
    ]);
    expect(ignored(['.env'])).toEqual(['.env', 'docs/.env']);
  });

  test('a pattern with a slash is anchored at the repository root', () => {
    expect(ignored(['docs/*.md'])).toEqual(['docs/guide.md']);
    expect(ignored(['src/*.md'])).toEqual(['src/notes.md']);
    expect(ignored(['**/*.md'])).toEqual(ignored(['*.md']));
  });

  test('** matches dotfiles and dot-directories too', () => {
    expect(scanned(['**'], FILES)).toEqual([]);
    expect(ignored(['**/.env*'])).toEqual(['.env', 'docs/.env', 'src/.env.local']);
  });

  test('several patterns: a file matching any of them is ignored', () => {
    expect(scanned(['docs/**', '*.md', 'test/fixtures/**'], FILES)).toEqual([
      '.env',
      '.github/workflows/ci.yml',
      'docsite/index.html',
      'src/app.ts',
      'src/.env.local',
      'with space/a b.txt',
      'café/中文.txt',
    ]);
  });

  test('names with spaces and non-ASCII characters match literally', () => {
    expect(scanned(['with space/**', 'café/中文.txt'], FILES)).toEqual(
      FILES.filter((f) => f !== 'with space/a b.txt' && f !== 'café/中文.txt'),
    );
  });

  test('brace and comma patterns keep their meaning when combined with others', () => {
    // A literal comma in a name, next to another pattern, must not be read as alternatives.
    const files = ['a,b.txt', 'a', 'b.txt', 'x/y.ts', 'z/y.ts'];
    expect(scanned(['a,b.txt', '{x,q}/*.ts'], files)).toEqual(['a', 'b.txt', 'z/y.ts']);
  });
});
