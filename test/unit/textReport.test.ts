import { printableName, formatTextReport } from '../../src/report/textReport';
import { loadAdvice } from '../../src/report/loadAdvice';
import { messages } from '../../src/report/messages';
import { BY_HAND } from '../../src/report/reportOptions';
import { redactToken } from '../../src/report/redact';
import { makeSourcegraphToken, makeToken } from '../helpers/tokens';
import { finding, result, tokenShapedStrings } from './support/results';

const PLAIN = { redact: true, color: false };
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;

describe('formatTextReport', () => {
  test('says nothing when there is nothing to report', () => {
    expect(formatTextReport(result([]), PLAIN)).toBe('');
    expect(formatTextReport(result([]), { redact: false, color: true })).toBe('');
  });

  test('a blocking finding: header, file:line:column, redacted token, rule, guidance', () => {
    const token = makeToken(64);
    const text = formatTextReport(
      result([finding({ token, file: 'app/config.js', line: 7, column: 19 })]),
      PLAIN,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(messages.blockedHeader(1, false));
    expect(text).toContain(
      `  app/config.js:7:19  ${redactToken(token)}  Segment Public API token [segment-public-api-token]`,
    );
    const guidance = messages.guidance(loadAdvice(['app/config.js']), BY_HAND);
    for (const line of guidance) expect(lines).toContain(line);
    expect(text).not.toContain(token);
    expect(tokenShapedStrings(text)).toEqual([]);
    expect(text).not.toMatch(ANSI);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('a token in a .env file: the advice is .gitignore and git rm --cached instead', () => {
    const text = formatTextReport(
      result([finding({ token: makeToken(), file: 'app/.env' })]),
      PLAIN,
    );
    const lines = text.split('\n');
    for (const line of messages.envOnlyGuidance(['app/.env'], BY_HAND)) {
      expect(lines).toContain(line);
    }
    expect(text).toContain('echo /app/.env >> .gitignore && git rm --cached -- app/.env');
    expect(text).not.toContain('process.env');
  });

  test('several findings are all listed, the header counts them', () => {
    const tokens = [makeToken(), makeToken(), makeToken(32)];
    const text = formatTextReport(
      result(tokens.map((token, i) => finding({ token, line: i + 1 }))),
      PLAIN,
    );
    expect(text.split('\n')[0]).toBe(messages.blockedHeader(3, false));
    for (const token of tokens) expect(text).toContain(redactToken(token));
  });

  test('shows full tokens only when redaction is off', () => {
    const token = makeToken();
    expect(
      formatTextReport(result([finding({ token })]), { redact: false, color: false }),
    ).toContain(token);
  });

  test('colours only when asked', () => {
    const report = result([finding({ token: makeToken() })]);
    expect(formatTextReport(report, { redact: true, color: true })).toMatch(ANSI);
    expect(formatTextReport(report, { redact: true, color: false })).not.toMatch(ANSI);
  });

  test('non-blocking findings go to a warnings section, with no "blocked" header or guidance', () => {
    const token = makeSourcegraphToken();
    const text = formatTextReport(
      result([finding({ token, ruleId: 'sourcegraph-access-token', blocking: false })]),
      PLAIN,
    );
    expect(text.split('\n')[0]).toBe(messages.warningHeader(1));
    expect(text).toContain('[sourcegraph-access-token]');
    expect(text).toContain('not a Segment token');
    expect(text).not.toContain(messages.blockedHeader(1, false));
    expect(text).not.toContain('How to fix:');
    expect(text).not.toContain(token);
  });

  test('warnings and blocking findings together: both sections, each counted', () => {
    const text = formatTextReport(
      result([
        finding({
          token: makeSourcegraphToken(),
          ruleId: 'sourcegraph-access-token',
          blocking: false,
        }),
        finding({ token: makeToken() }),
        finding({ token: makeToken() }),
      ]),
      PLAIN,
    );
    expect(text).toContain(messages.warningHeader(1));
    expect(text).toContain(messages.blockedHeader(2, false));
    expect(text).toContain('How to fix:');
  });

  test('a name with control characters is shown JSON-quoted and cannot forge a line', () => {
    const token = makeToken();
    const file = 'evil\n  src/ok.ts:1:1  fake\tname\u001b[2J';
    const text = formatTextReport(result([finding({ token, file })]), PLAIN);
    expect(text).toContain(`  ${JSON.stringify(file)}:3:14  `);
    expect(text).not.toContain('\n  src/ok.ts');
    expect(text).not.toContain('\u001b');
  });
});

describe('printableName', () => {
  test.each([
    ['plain/path.ts'],
    ['with space.txt'],
    ['café/中文/😀.txt'],
    ['quote"and\\backslash'],
  ])('shows %s as-is', (file) => {
    expect(printableName(file)).toBe(file);
  });

  test.each([['a\tb'], ['a\nb'], ['a\rb'], ['a\u0000b'], ['a\u007fb'], ['a\u001bb']])(
    'quotes %j',
    (file) => {
      expect(printableName(file)).toBe(JSON.stringify(file));
    },
  );
});
