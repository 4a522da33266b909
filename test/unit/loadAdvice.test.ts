import { loadAdvice } from '../../src/report/loadAdvice';

describe('loadAdvice', () => {
  test('one line per kind of file, named by its first file', () => {
    const lines = loadAdvice(['a/settings.py', 'b/other.py', 'Dockerfile', 'main.GO']);
    expect(lines.slice(2)).toEqual([
      '       Python (a/settings.py): os.environ["SEGMENT_API_TOKEN"]',
      '       Dockerfile (Dockerfile): a build secret (RUN --mount=type=secret) or a run-time variable, never ENV or ARG',
      '       Go (main.GO): os.Getenv("SEGMENT_API_TOKEN")',
    ]);
  });

  test('at most three kinds, so the other steps stay in view', () => {
    const lines = loadAdvice(['a.py', 'b.go', 'c.rb', 'd.java', 'e.ts']);
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).not.toMatch(/Java|TypeScript/);
  });

  test('no known kind: the general advice, naming no language', () => {
    const lines = loadAdvice(['notes.txt', 'Makefile']);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('a SEGMENT_API_TOKEN variable the program reads');
  });

  test('names are shown through the given function (control characters quoted)', () => {
    const [, , line] = loadAdvice(['we\nird.py'], (file) => JSON.stringify(file));
    expect(line).toContain('("we\\nird.py")');
  });
});
