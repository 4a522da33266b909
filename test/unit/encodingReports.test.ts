/** A token found under encodings: every report says how it was written, and still redacts it. */
import { formatGithubReport } from '../../src/report/githubReport';
import { formatJsonReport } from '../../src/report/jsonReport';
import { encodingNote } from '../../src/report/messages';
import { redactToken } from '../../src/report/redact';
import { formatSarifReport } from '../../src/report/sarifReport';
import { formatTextReport } from '../../src/report/textReport';
import { sarifSchemaErrors } from '../helpers/sarifSchema';
import { finding, result, tokenShapedStrings } from './support/results';
import { highEntropyToken } from './support/tokens';

const token = highEntropyToken(64);
const encoded = finding({ token, encoding: ['base64', 'percent'], column: 5, endColumn: 300 });
const plain = finding({ token: highEntropyToken(64) });

test('the note names the encodings innermost first, as a reader undoes them last', () => {
  expect(encodingNote(encoded)).toBe(' (percent-encoded, then base64-encoded)');
  expect(encodingNote({ encoding: ['utf16'] })).toBe(' (in a UTF-16 file)');
  expect(encodingNote(plain)).toBe('');
});

test('JSON: an "encoding" array only on encoded findings, outermost first', () => {
  const report = JSON.parse(formatJsonReport(result([encoded, plain]), { redact: true })) as {
    findings: { encoding?: string[]; secret: string }[];
  };
  expect(report.findings[0].encoding).toEqual(['base64', 'percent']);
  expect(report.findings[0].secret).toBe(redactToken(token));
  expect('encoding' in report.findings[1]).toBe(false);
});

test('text and GitHub: the note after the redacted token', () => {
  const text = formatTextReport(result([encoded]), { redact: true, color: false });
  expect(text).toContain(`${redactToken(token)} (percent-encoded, then base64-encoded)`);
  expect(formatGithubReport([encoded], { redact: true })).toContain(
    `${redactToken(token)} (percent-encoded, then base64-encoded)`,
  );
  expect(tokenShapedStrings(text)).toEqual([]);
});

test('SARIF: a valid log with the chain as a result property', () => {
  const text = formatSarifReport([encoded, plain], '1.2.3', { redact: true });
  const log = JSON.parse(text) as {
    runs: { results: { properties?: { encoding?: string[] } }[] }[];
  };
  expect(log.runs[0].results[0].properties).toEqual({ encoding: ['base64', 'percent'] });
  expect(log.runs[0].results[1].properties).toBeUndefined();
  expect(sarifSchemaErrors(log)).toEqual([]);
});
