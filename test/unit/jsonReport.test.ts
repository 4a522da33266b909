import { fingerprintToken } from '../../src/report/fingerprint';
import { formatJsonReport } from '../../src/report/jsonReport';
import { redactToken } from '../../src/report/redact';
import { makeSourcegraphToken, makeToken } from '../helpers/tokens';
import { finding, result, tokenShapedStrings } from './support/results';

/** The design.md contract, plus `blocking`. */
const FINDING_FIELDS = [
  'ruleId',
  'file',
  'line',
  'column',
  'endColumn',
  'secret',
  'fingerprint',
  'blocking',
].sort();

function parse(text: string) {
  return JSON.parse(text) as {
    findings: Record<string, unknown>[];
    summary: Record<string, number>;
  };
}

describe('formatJsonReport', () => {
  test('each finding has exactly the contract fields, with redacted secret and fingerprint', () => {
    const token = makeToken(64);
    const input = finding({ token, file: 'dir/a b.ts', line: 12, column: 5, endColumn: 73 });
    const text = formatJsonReport(result([input]), { redact: true });
    const [output] = parse(text).findings;
    expect(Object.keys(output).sort()).toEqual(FINDING_FIELDS);
    expect(output).toEqual({
      ruleId: 'segment-public-api-token',
      file: 'dir/a b.ts',
      line: 12,
      column: 5,
      endColumn: 73,
      secret: redactToken(token),
      fingerprint: fingerprintToken('segment-public-api-token', token),
      blocking: true,
    });
    expect(text).not.toContain(token);
    expect(tokenShapedStrings(text)).toEqual([]);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('the summary carries the scan counts plus findings and blockingFindings', () => {
    const report = result([
      finding({ token: makeToken() }),
      finding({
        token: makeSourcegraphToken(),
        ruleId: 'sourcegraph-access-token',
        blocking: false,
      }),
    ]);
    expect(parse(formatJsonReport(report, { redact: true })).summary).toMatchObject({
      ...report.summary,
      findings: 2,
      blockingFindings: 1,
    });
  });

  test('no findings: an empty list and zero counts', () => {
    const output = parse(formatJsonReport(result([]), { redact: true }));
    expect(output.findings).toEqual([]);
    expect(output.summary).toMatchObject({ findings: 0, blockingFindings: 0 });
  });

  test('the full token appears only with redact=false', () => {
    const token = makeToken();
    const [output] = parse(
      formatJsonReport(result([finding({ token })]), { redact: false }),
    ).findings;
    expect(output.secret).toBe(token);
    expect(output.fingerprint).toBe(fingerprintToken('segment-public-api-token', token));
  });

  test('file names with control characters and non-ASCII round-trip exactly', () => {
    const file = 'odd\n"name"\t\\é中😀.txt';
    const [output] = parse(
      formatJsonReport(result([finding({ token: makeToken(), file })]), { redact: true }),
    ).findings;
    expect(output.file).toBe(file);
  });
});
