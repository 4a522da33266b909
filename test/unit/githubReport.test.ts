import { formatGithubReport } from '../../src/report/githubReport';
import { RULE_TITLES } from '../../src/report/messages';
import { redactToken } from '../../src/report/redact';
import { makeSourcegraphToken } from '../helpers/tokens';
import { finding, tokenShapedStrings } from './support/results';
import { highEntropyToken } from './support/tokens';

/**
 * Parses one workflow command the way the Actions runner does (`::name k=v,k=v::message`,
 * properties split on ',' and '=' and then unescaped), so a name that smuggled in a ',' or a
 * '::' would show up as a wrong property here.
 */
function parseCommand(line: string): {
  command: string;
  properties: Record<string, string>;
  message: string;
} {
  const match = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
  const unescapeProperty = (text: string) =>
    text
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  const unescapeData = (text: string) =>
    text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of match[2].split(',')) {
    const at = pair.indexOf('=');
    properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
  }
  return { command: match[1], properties, message: unescapeData(match[3]) };
}

function commands(text: string) {
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter(Boolean).map(parseCommand);
}

describe('formatGithubReport', () => {
  test('one ::error annotation per blocking finding, with file, line and columns', () => {
    const token = highEntropyToken(64);
    const text = formatGithubReport(
      [finding({ token, file: 'src/app.ts', line: 4, column: 9, endColumn: 9 + token.length })],
      { redact: true },
    );
    const [annotation, ...rest] = commands(text);
    expect(rest).toEqual([]);
    expect(annotation.command).toBe('error');
    expect(annotation.properties).toEqual({
      file: 'src/app.ts',
      line: '4',
      col: '9',
      endColumn: String(9 + token.length),
      title: `seg-hook: ${RULE_TITLES['segment-public-api-token']}`,
    });
    expect(annotation.message).toContain(redactToken(token));
    expect(annotation.message).toMatch(/revoke/i);
  });

  test('non-blocking findings are ::warning; no findings prints nothing', () => {
    const text = formatGithubReport(
      [
        finding({
          token: makeSourcegraphToken(),
          ruleId: 'sourcegraph-access-token',
          blocking: false,
        }),
      ],
      { redact: true },
    );
    expect(commands(text).map((c) => c.command)).toEqual(['warning']);
    expect(formatGithubReport([], { redact: true })).toBe('');
  });

  test.each([
    ['a percent sign', '100%done.ts', '100%25done.ts'],
    ['a comma', 'a,line=1.ts', 'a%2Cline=1.ts'],
    ['a double colon', 'x::warning y.ts', 'x%3A%3Awarning y.ts'],
    [
      'a newline',
      'new\n::error file=fake.ts::forged.ts',
      'new%0A%3A%3Aerror file=fake.ts%3A%3Aforged.ts',
    ],
    ['a carriage return', 'cr\r.ts', 'cr%0D.ts'],
    ['text that looks escaped', 'a%2Cb%0A.ts', 'a%252Cb%250A.ts'],
  ])('%s in a file name is escaped so it stays one property', (_what, file, escaped) => {
    const text = formatGithubReport([finding({ token: highEntropyToken(40), file })], {
      redact: true,
    });
    expect(text).toContain(`file=${escaped},line=`);
    // Still exactly one command line, and the runner would read the name back exactly.
    const parsed = commands(text);
    expect(parsed).toHaveLength(1);
    expect(parsed[0].properties.file).toBe(file);
    expect(parsed[0].properties.line).toBe('3');
  });

  test('range and history findings name a short commit id', () => {
    const id = 'b'.repeat(40);
    const [annotation] = commands(
      formatGithubReport(
        [
          finding({
            token: highEntropyToken(40),
            commit: { id, date: '2024-01-02T03:04:05Z', author: 'A <a@example.com>' },
          }),
        ],
        { redact: true },
      ),
    );
    expect(annotation.message).toContain(`commit ${id.slice(0, 12)}`);
  });

  test('no full token in the output unless --no-redact', () => {
    const tokens = [highEntropyToken(64), highEntropyToken(16)];
    const findings = tokens.map((token) => finding({ token }));
    const redacted = formatGithubReport(findings, { redact: true });
    for (const token of tokens) expect(redacted).not.toContain(token);
    expect(tokenShapedStrings(redacted)).toEqual([]);
    expect(formatGithubReport(findings, { redact: false })).toContain(tokens[0]);
  });
});
