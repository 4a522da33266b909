import { DEFAULT_MAX_SEGMENT } from '../../src/diff/lineSplitter';
import { DEFAULT_CONFIG, SegHookConfig } from '../../src/config/config';
import { ScanError } from '../../src/errors';
import { createDiffScanner, scanDiffText } from '../../src/scan/diffScanner';
import { Finding } from '../../src/types';
import { makeSourcegraphToken, makeToken, PREFIX, randomString } from '../helpers/tokens';
import { diffLines, newFileSection } from './support/diff';

const CONFIG: SegHookConfig = { ...DEFAULT_CONFIG, riskyFileWarnings: false };

function configWith(overrides: Partial<SegHookConfig>): SegHookConfig {
  return { ...CONFIG, ...overrides };
}

function positions(findings: Finding[]) {
  return findings.map(({ file, line, column, endColumn, token, ruleId, blocking }) => ({
    file,
    line,
    column,
    endColumn,
    token,
    ruleId,
    blocking,
  }));
}

describe('scanDiffText', () => {
  test('reports tokens on added lines with file, line and columns; ignores removed lines', () => {
    const added = makeToken(64);
    const removed = makeToken(64);
    const diff = diffLines(
      'diff --git a/src/app.ts b/src/app.ts',
      'index 1111111..2222222 100644',
      '--- a/src/app.ts',
      '+++ b/src/app.ts',
      '@@ -10 +10,2 @@ function main() {',
      `-const token = "${removed}";`,
      `+const token = "${added}";`,
      '+const other = 1;',
    );
    const result = scanDiffText(diff, CONFIG);
    expect(positions(result.findings)).toEqual([
      {
        file: 'src/app.ts',
        line: 10,
        column: 16,
        endColumn: 16 + added.length,
        token: added,
        ruleId: 'segment-public-api-token',
        blocking: true,
      },
    ]);
    expect(result.summary).toMatchObject({
      filesScanned: 1,
      linesScanned: 2,
      placeholdersIgnored: 0,
      allowedInline: 0,
      filesIgnored: 0,
    });
  });

  test('the seed example lines are all findings', () => {
    const token = `${PREFIX}1234567890abcdef`;
    const lines = [
      `export SEGMENT_API_TOKEN="${token}"`,
      '{',
      '"segment": {',
      `"apiToken": "${token}"`,
      '}',
      '}',
      `const segmentApiToken = "${token}";`,
      `segment://${token}@api.segment.io`,
    ];
    const result = scanDiffText(diffLines(...newFileSection('seed.txt', lines)), CONFIG);
    expect(result.findings.map((f) => [f.line, f.column, f.token])).toEqual([
      [1, 27, token],
      [4, 14, token],
      [7, 26, token],
      [8, 11, token],
    ]);
  });

  test('counts placeholders and inline allows instead of reporting them', () => {
    const lines = [
      `a = "${PREFIX}${'x'.repeat(16)}"`,
      `b = "${makeToken()}" // seg-hook:allow`,
      `c = "${PREFIX}${'0'.repeat(20)}" "${PREFIX}${'ab'.repeat(10)}"`,
    ];
    const result = scanDiffText(diffLines(...newFileSection('p.txt', lines)), CONFIG);
    expect(result.findings).toEqual([]);
    expect(result.summary).toMatchObject({ placeholdersIgnored: 3, allowedInline: 1 });
  });

  test('columns after non-ASCII text, on a CRLF line, in a file with a quoted name', () => {
    const token = makeToken(40);
    const diff = diffLines(
      'diff --git "a/caf\\303\\251 menu.txt" "b/caf\\303\\251 menu.txt"',
      'new file mode 100644',
      'index 0000000..1111111',
      '--- /dev/null',
      '+++ "b/caf\\303\\251 menu.txt"\t',
      '@@ -0,0 +1,2 @@',
      '+first\r',
      `+prix: 5€ 😀 ${token}\r`,
    );
    const [finding] = scanDiffText(diff, CONFIG).findings;
    const column = 'prix: 5€ 😀 '.length + 1;
    expect(finding).toMatchObject({
      file: 'café menu.txt',
      line: 2,
      column,
      endColumn: column + token.length,
      token,
    });
  });

  test('tokens far into a multi-megabyte line are found whole, at exact columns', () => {
    const tokens = [makeToken(), makeToken(), makeToken()];
    const filler = 'ab=cd;'.repeat(200_000); // 1.2 MB: several segments
    const line = `${tokens[0]} ${filler}"${tokens[1]}" ${filler}${'é'.repeat(1000)} ${tokens[2]}`;
    const result = scanDiffText(diffLines(...newFileSection('min.js', [line])), CONFIG);
    expect(result.findings.map((f) => [f.token, f.column])).toEqual(
      tokens.map((token) => [token, line.indexOf(token) + 1]),
    );
    expect(result.summary.linesScanned).toBe(1);
  });

  test('a token at each position around a segment boundary is found whole', () => {
    const token = makeToken();
    for (const offset of [-70, -68, -40, -1, 0, 1, 3]) {
      const before = 'x '.repeat((DEFAULT_MAX_SEGMENT + offset) >> 1);
      const line = `${before}${token} tail`;
      const [finding] = scanDiffText(
        diffLines(...newFileSection('b.txt', [line])),
        CONFIG,
      ).findings;
      expect(finding).toMatchObject({ token, column: before.length + 1 });
    }
  });

  test('in text without ASCII separators (CJK) a token across a segment boundary is found whole', () => {
    const token = makeToken(40);
    const assigned = `SEGMENT_TOKEN=${randomString(12)}7${randomString(9)} `;
    for (const offset of [-30, -12, -3, 0, 2]) {
      // '中' is 3 bytes: the token (and a credential assignment) start near the first cut.
      const before = '中'.repeat(Math.floor((DEFAULT_MAX_SEGMENT + offset) / 3));
      const line = `${before}${token}中${before}${assigned}中`;
      const findings = scanDiffText(diffLines(...newFileSection('c.txt', [line])), CONFIG).findings;
      expect(findings.map((f) => [f.ruleId, f.column])).toEqual([
        ['segment-public-api-token', before.length + 1],
        ['segment-credential-assignment', line.indexOf(assigned) + 'SEGMENT_TOKEN='.length + 1],
      ]);
    }
  });

  test('a credential assignment cut between name and value by a segment boundary is found', () => {
    const name = 'SEGMENT_TOKEN=';
    for (const shift of [0, 1, 2, -1, -3]) {
      const value = `${randomString(12)}7${randomString(9)}`;
      // Spaces before the name allow a cut anywhere; the limit falls around the '='.
      const before = ' '.repeat(DEFAULT_MAX_SEGMENT - name.length - shift);
      const line = `${before}${name}${value} tail`;
      const findings = scanDiffText(diffLines(...newFileSection('d.env', [line])), CONFIG).findings;
      expect(findings.map((f) => [f.ruleId, f.token, f.column])).toEqual([
        ['segment-credential-assignment', value, before.length + name.length + 1],
      ]);
    }
  });

  test('an assignment is found the same with or without a segment boundary inside it', () => {
    const name = `"${'a'.repeat(40)}_SEGMENT_TOKEN"`;
    const gap = (n: number) => ' '.repeat(n);
    const value = `${randomString(12)}7${randomString(9)}`;
    // The longest spacing the rule allows (an annotated assignment), and far longer spacing.
    const assignments = [
      `${name}${gap(32)}:${gap(32)}string${gap(32)}=${gap(32)}"${value}"`,
      `${name}${gap(600)}=${gap(600)}"${value}"`,
    ];
    for (const assignment of assignments) {
      const alone = scanDiffText(diffLines(...newFileSection('a.ts', [assignment])), CONFIG);
      const expected = alone.findings.map((f) => [f.ruleId, f.token]);
      for (let inside = 1; inside < assignment.length; inside += 97) {
        // Spaces before it put the segment boundary `inside` characters into the assignment.
        const line = `${' '.repeat(DEFAULT_MAX_SEGMENT - inside)}${assignment} tail`;
        const cut = scanDiffText(diffLines(...newFileSection('a.ts', [line])), CONFIG);
        expect([inside, cut.findings.map((f) => [f.ruleId, f.token])]).toEqual([inside, expected]);
      }
    }
  });

  test('a parse error never quotes hunk content, nor long runs of a header line', () => {
    const secret = `${randomString(12)}7${randomString(12)}`;
    const extra = diffLines(
      'diff --git a/e.env b/e.env',
      '--- a/e.env',
      '+++ b/e.env',
      '@@ -0,0 +1 @@',
      '+ok',
      `+SEGMENT_TOKEN=${secret}`,
    );
    const garbage = diffLines(`diff --git a/x b/x`, `strange header ${secret}`);
    for (const diff of [extra, garbage]) {
      const error = (() => {
        try {
          scanDiffText(diff, CONFIG);
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('no parse error');
      })();
      expect(error).toBeInstanceOf(ScanError);
      expect(error.message).not.toContain(secret.slice(0, 8));
    }
  });

  test('the result does not depend on how the diff is chunked', () => {
    const diff = diffLines(
      ...newFileSection('a.txt', [`t=${makeToken()}`, 'plain', `u=${makeToken(20)}`]),
      ...newFileSection('b.txt', [`${makeSourcegraphToken('id')}`]),
    );
    const whole = scanDiffText(diff, CONFIG);
    expect(whole.findings).toHaveLength(3);
    for (const size of [1, 5, 64]) {
      const scanner = createDiffScanner(CONFIG);
      const bytes = Buffer.from(diff);
      for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
      expect(scanner.end()).toEqual(whole);
    }
  });

  test('deleted files, pure renames and submodules add nothing', () => {
    const diff = diffLines(
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      'index 1111111..0000000',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      `-${makeToken()}`,
      'diff --git a/old.txt b/new.txt',
      'similarity index 100%',
      'rename from old.txt',
      'rename to new.txt',
      'diff --git a/sub b/sub',
      'new file mode 160000',
      'index 0000000..1111111',
      '--- /dev/null',
      '+++ b/sub',
      '@@ -0,0 +1 @@',
      '+Subproject commit 1111111111111111111111111111111111111111',
    );
    const result = scanDiffText(diff, CONFIG);
    expect(result.findings).toEqual([]);
    expect(result.summary).toMatchObject({ filesScanned: 0, linesScanned: 0 });
  });

  test('an empty diff is a clean scan', () => {
    expect(scanDiffText('', CONFIG)).toMatchObject({
      findings: [],
      summary: { filesScanned: 0, linesScanned: 0, filesIgnored: 0 },
    });
  });

  test('malformed git output is a bad-diff ScanError', () => {
    expect(() => scanDiffText('not a diff\n', CONFIG)).toThrow(ScanError);
    const truncated = diffLines(
      'diff --git a/x b/x',
      '--- a/x',
      '+++ b/x',
      '@@ -0,0 +1,2 @@',
      '+1',
    );
    expect(() => scanDiffText(truncated, CONFIG)).toThrow(/ended inside a hunk/);
  });
});

describe('scanDiffText with configuration', () => {
  const diff = diffLines(
    ...newFileSection('docs/guide.md', [makeToken()]),
    ...newFileSection('README.md', [makeToken()]),
    ...newFileSection('src/.env', [makeToken()]),
    ...newFileSection('src/app.ts', [makeToken()]),
  );

  test('ignorePaths skips matching files and counts them', () => {
    const result = scanDiffText(diff, configWith({ ignorePaths: ['docs/**', '*.md'] }));
    expect(result.findings.map((f) => f.file)).toEqual(['src/.env', 'src/app.ts']);
    expect(result.summary).toMatchObject({ filesScanned: 2, filesIgnored: 2, linesScanned: 2 });
  });

  test('ignorePaths with ** covers dotfiles', () => {
    const result = scanDiffText(diff, configWith({ ignorePaths: ['src/**'] }));
    expect(result.findings.map((f) => f.file)).toEqual(['docs/guide.md', 'README.md']);
  });

  describe('sourcegraphTokens', () => {
    const segment = makeToken();
    const sourcegraph = makeSourcegraphToken('hex40');
    const mixed = diffLines(...newFileSection('k.txt', [`a=${segment}`, `b=${sourcegraph}`]));

    test('block (the default): both block', () => {
      expect(DEFAULT_CONFIG.sourcegraphTokens).toBe('block');
      expect(positions(scanDiffText(mixed, CONFIG).findings)).toEqual([
        expect.objectContaining({ token: segment, blocking: true }),
        expect.objectContaining({
          token: sourcegraph,
          ruleId: 'sourcegraph-access-token',
          blocking: true,
        }),
      ]);
    });

    test('warn: reported, not blocking', () => {
      const findings = scanDiffText(mixed, configWith({ sourcegraphTokens: 'warn' })).findings;
      expect(findings.map((f) => [f.ruleId, f.blocking])).toEqual([
        ['segment-public-api-token', true],
        ['sourcegraph-access-token', false],
      ]);
    });

    test('off: not reported at all', () => {
      const findings = scanDiffText(mixed, configWith({ sourcegraphTokens: 'off' })).findings;
      expect(findings.map((f) => f.token)).toEqual([segment]);
    });
  });
});
