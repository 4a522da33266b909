/**
 * `seg-hook --staged` on real temp repositories: what is found, where, and how it is reported.
 */
import { TempRepo } from '../helpers/gitRepo';
import { positionOf, PREFIX, redactedForm, ScanSession } from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

describe("the seed's four contexts", () => {
  let repo: TempRepo;
  const files: Record<string, { content: string; token: string }> = {};

  beforeAll(() => {
    repo = session.repo();
    const envToken = session.token();
    const jsonToken = session.token();
    const codeToken = session.token();
    const urlToken = session.token();
    files['.env'] = {
      token: envToken,
      content: `# local settings\nexport SEGMENT_API_TOKEN="${envToken}"\n`,
    };
    files['config/settings.json'] = {
      token: jsonToken,
      content: `{\n  "name": "pipeline",\n  "segment": {\n    "apiToken": "${jsonToken}"\n  }\n}\n`,
    };
    files['src/client.js'] = {
      token: codeToken,
      content: `'use strict';\n\n  const segmentApiToken = "${codeToken}";\nmodule.exports = segmentApiToken;\n`,
    };
    files['deploy/settings.yaml'] = {
      token: urlToken,
      content: `pipeline:\n  url: segment://${urlToken}@api.segment.io\n`,
    };
    repo.stage(Object.fromEntries(Object.entries(files).map(([f, { content }]) => [f, content])));
  });

  test('each token is found at the file:line:column where it was written', () => {
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    const byFile = new Map(report.findings.map((finding) => [finding.file, finding]));
    expect([...byFile.keys()].sort()).toEqual(Object.keys(files).sort());
    for (const [file, { content, token }] of Object.entries(files)) {
      const expected = positionOf(content, token);
      expect(byFile.get(file)).toEqual({
        ruleId: 'segment-public-api-token',
        file,
        line: expected.line,
        column: expected.column,
        endColumn: expected.endColumn,
        secret: redactedForm(token),
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        blocking: true,
      });
    }
    expect(report.summary).toMatchObject({ findings: 4, blockingFindings: 4, filesScanned: 4 });
  });

  test('the JSON finding carries exactly the contract fields', () => {
    const { report } = session.json(repo);
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(
        [
          'blocking',
          'column',
          'endColumn',
          'file',
          'fingerprint',
          'line',
          'ruleId',
          'secret',
        ].sort(),
      );
    }
  });

  test('the text report goes to stderr with file:line:column and the redacted token', () => {
    const result = session.scan(repo);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    for (const [file, { content, token }] of Object.entries(files)) {
      const { line, column } = positionOf(content, token);
      expect(result.stderr).toContain(`${file}:${line}:${column}  ${redactedForm(token)}`);
    }
    expect(result.stderr).toContain('4 tokens found');
  });

  test('--no-redact (opt-in) shows the full tokens, in text and in JSON', () => {
    const text = session.scan(repo, ['--no-redact']);
    const json = session.scan(repo, ['--format', 'json', '--no-redact']);
    for (const { token } of Object.values(files)) {
      expect(text.stderr).toContain(token);
      expect(json.stdout).toContain(`"secret": "${token}"`);
    }
  });
});

describe('token lengths and placeholders', () => {
  test('16-, 32-, 40- and 64-character bodies are found, whole', () => {
    const repo = session.repo();
    const tokens = [16, 32, 40, 64].map((length) => session.token(length));
    const content = tokens.map((token, i) => `key${i}=${token}\n`).join('');
    repo.stage({ 'tokens.env': content });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(
      report.findings.map(({ line, column, endColumn }) => ({ line, column, endColumn })),
    ).toEqual(
      tokens.map((token) => {
        const { line, column, endColumn } = positionOf(content, token);
        return { line, column, endColumn };
      }),
    );
    expect(report.findings.map((f) => f.secret)).toEqual(tokens.map(redactedForm));
  });

  test("the seed document's own example is a finding", () => {
    const repo = session.repo();
    const example = session.remember(`${PREFIX}1234567890abcdef`);
    repo.stage({ 'example.sh': `export SEGMENT_API_TOKEN="${example}"\n` });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ line: 1, column: 27, endColumn: 27 + 20 });
  });

  test('15 characters, the bare prefix and placeholders are not findings (exit 0)', () => {
    const repo = session.repo();
    const tooShort = session.token(15);
    const placeholders = [`${PREFIX}${'x'.repeat(20)}`, `${PREFIX}${'0'.repeat(16)}`];
    repo.stage({
      'short.env': `SEGMENT_TOKEN=${tooShort}\n`,
      'prefix.md': `Tokens start with ${PREFIX} and then letters.\nOnly the prefix: ${PREFIX}\n`,
      'placeholders.json': JSON.stringify({ a: placeholders[0], b: placeholders[1] }, null, 2),
    });
    const { status, report, stderr } = session.json(repo);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary.placeholdersIgnored).toBe(2);
    expect(stderr).toBe('');
  });

  test('a clean staged change exits 0 with an empty report and no text', () => {
    const repo = session.repo();
    repo.stage({ 'README.md': '# Hello\nNothing secret here.\n' });
    expect(session.json(repo).status).toBe(0);
    const text = session.scan(repo);
    expect(text).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});

describe('matching details on real staged files', () => {
  test('several tokens on one line, neighbours that are not tokens, CRLF and no final newline', () => {
    const repo = session.repo();
    const [first, second, crlf, last] = [
      session.token(),
      session.token(32),
      session.token(),
      session.token(20),
    ];
    const glued = session.token();
    const lines = [
      `a="${first}", b='${second}'`,
      `x${glued} _${glued}`, // preceded by a letter / underscore: not a token start
      `crlf=${crlf}\r`,
      `${last}`,
    ];
    const content = lines.join('\n'); // the last line has no final newline
    repo.stage({ 'mixed.txt': content });
    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    const plain = content.replace('\r', '');
    expect(
      report.findings.map(({ line, column, endColumn }) => ({ line, column, endColumn })),
    ).toEqual([first, second, crlf, last].map((token) => positionOf(plain, token)));
  });

  test('a token followed by "_" and more is reported up to the underscore', () => {
    const repo = session.repo();
    const token = session.token(24);
    const content = `ID=${token}_suffix\n`;
    repo.stage({ 'id.txt': content });
    const { report } = session.json(repo);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject(positionOf(content, token));
  });

  test('the fingerprint is stable, per token, and reveals nothing', () => {
    const repo = session.repo();
    const shared = session.token();
    const other = session.token();
    repo.stage({ 'a.txt': `${shared}\n`, 'b.txt': `k=${shared}\n${other}\n` });
    const first = session.json(repo).report.findings;
    const second = session.json(repo).report.findings;
    expect(second.map((f) => f.fingerprint)).toEqual(first.map((f) => f.fingerprint));
    const [a, b1, b2] = first;
    expect(a.fingerprint).toBe(b1.fingerprint);
    expect(b2.fingerprint).not.toBe(a.fingerprint);
    for (const finding of first) {
      expect(finding.fingerprint).not.toContain(shared.slice(PREFIX.length, PREFIX.length + 8));
      expect(finding.fingerprint).not.toContain(other.slice(PREFIX.length, PREFIX.length + 8));
    }
  });
});

describe('a single ~3 MB minified line', () => {
  /** Filler with multi-byte characters (2, 3 and 4 bytes in UTF-8; the emoji is 2 UTF-16 units). */
  function filler(bytes: number): string {
    const unit = '{"k":"é中😀",v:1},';
    let text = unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));
    text += ','.repeat(bytes - Buffer.byteLength(text));
    return text;
  }

  test('tokens at the start, around segment boundaries, in the middle and at the end', () => {
    const repo = session.repo();
    const tokens = [0, 1, 2, 3, 4, 5].map(() => session.token());
    const MiB = 1 << 20;
    const SEGMENT = 256 * 1024; // the line splitter's default segment size
    // Byte offsets (in the diff line, which starts with '+') where tokens 1..4 begin.
    const starts = [SEGMENT - 20, Math.floor(1.5 * MiB), 2 * MiB - 40, 2 * MiB + 100];
    let line = tokens[0];
    starts.forEach((start, i) => {
      line += filler(start - 1 - Buffer.byteLength(line) - 1) + ' ' + tokens[i + 1];
    });
    line += filler(3 * MiB - Buffer.byteLength(line) - 80) + '"' + tokens[5];
    expect(Buffer.byteLength(line)).toBeGreaterThan(3 * MiB - 20);
    const content = `// bundle\n${line}\n`;
    repo.stage({ 'dist/bundle.min.js': content });

    const { status, report } = session.json(repo);
    expect(status).toBe(1);
    expect(
      report.findings.map(({ line: l, column, endColumn }) => ({ line: l, column, endColumn })),
    ).toEqual(tokens.map((token) => positionOf(content, token)));
    expect(report.findings.map((f) => f.secret)).toEqual(tokens.map(redactedForm));
  });
});

describe('the leak sweep used by every test here', () => {
  test('fails on a full token in stdout or stderr, and accepts the redacted form', () => {
    const token = session.token();
    expect(() => session.assertNoLeak({ status: 1, stdout: `x ${token} y`, stderr: '' })).toThrow(
      /leaked on stdout/,
    );
    expect(() => session.assertNoLeak({ status: 1, stdout: '', stderr: token })).toThrow(
      /leaked on stderr/,
    );
    expect(() =>
      session.assertNoLeak({ status: 1, stdout: redactedForm(token), stderr: '' }),
    ).not.toThrow();
  });
});
