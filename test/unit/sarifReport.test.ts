import { fingerprintToken } from '../../src/report/fingerprint';
import { messages, RULE_TITLES } from '../../src/report/messages';
import { redactToken } from '../../src/report/redact';
import { formatSarifReport, SarifRule, toUri } from '../../src/report/sarifReport';
import { Finding } from '../../src/types';
import { sarifSchemaErrors } from '../helpers/sarifSchema';
import { makeSourcegraphToken, PREFIX } from '../helpers/tokens';
import { finding, tokenShapedStrings } from './support/results';
import { highEntropyToken } from './support/tokens';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number; endColumn: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties?: { commit: string };
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: SarifRule[] } };
    results: SarifResult[];
  }[];
}

function sarif(findings: Finding[], redact = true): { text: string; log: SarifLog } {
  const text = formatSarifReport(findings, '1.2.3', { redact });
  return { text, log: JSON.parse(text) as SarifLog };
}

const COMMIT = {
  id: 'a'.repeat(40),
  date: '2024-05-06T07:08:09+00:00',
  author: 'A <a@example.com>',
};

describe('formatSarifReport', () => {
  test('a log with findings validates against the official SARIF 2.1.0 schema', () => {
    const { log } = sarif([
      finding({ token: highEntropyToken(64) }),
      finding({
        token: makeSourcegraphToken(),
        ruleId: 'sourcegraph-access-token',
        blocking: false,
      }),
      finding({ token: highEntropyToken(20), file: 'dir/é x.ts', commit: COMMIT }),
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
  });

  test('an empty log is valid too, and still describes the rules', () => {
    const { log } = sarif([]);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(0);
  });

  test('the schema check is real: broken logs are rejected', () => {
    const { log } = sarif([finding({ token: highEntropyToken(40) })]);
    const copy = () => JSON.parse(JSON.stringify(log)) as SarifLog;
    const location = (l: SarifLog) => l.runs[0].results[0].locations[0].physicalLocation;

    const badLine = copy();
    (location(badLine).region as { startLine: unknown }).startLine = 0;
    expect(sarifSchemaErrors(badLine).map((e) => e.instancePath)).toEqual([
      '/runs/0/results/0/locations/0/physicalLocation/region/startLine',
    ]);

    const badVersion = copy();
    (badVersion as { version: string }).version = '2.0.0';
    expect(sarifSchemaErrors(badVersion).length).toBeGreaterThan(0);

    // A raw space is not a URI reference: this is why names are percent-encoded.
    const rawName = copy();
    location(rawName).artifactLocation.uri = 'my dir/a file.ts';
    expect(sarifSchemaErrors(rawName).map((e) => e.params)).toContainEqual({
      format: 'uri-reference',
    });
  });

  test('rules carry the metadata GitHub code scanning shows: names, descriptions, help, severity', () => {
    const { log } = sarif([]);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('seg-hook');
    expect(driver.version).toBe('1.2.3');
    const rule = driver.rules.find((r) => r.id === 'segment-public-api-token');
    expect(rule).toBeDefined();
    expect(rule?.name).toMatch(/^[A-Za-z]+$/);
    expect(rule?.shortDescription.text).toBe(RULE_TITLES['segment-public-api-token']);
    expect(rule?.fullDescription.text.length).toBeGreaterThan(20);
    expect(rule?.help.text).toBe(messages.sarifHelp('seg-hook'));
    expect(rule?.help.text).toMatch(/revoke/i);
    expect(rule?.help.markdown).toMatch(/revoke/i);
    expect(rule?.defaultConfiguration.level).toBe('error');
    // GitHub reads security-severity as a string holding a number.
    expect(Number(rule?.properties['security-severity'])).toBeGreaterThan(0);
    expect(rule?.properties.tags).toEqual(expect.arrayContaining(['security']));
    expect(new Set(driver.rules.map((r) => r.id)).size).toBe(driver.rules.length);
  });

  test('each result points at its rule, file and region, with a token fingerprint', () => {
    const token = highEntropyToken(64);
    const input = finding({
      token,
      file: 'src/app.ts',
      line: 7,
      column: 12,
      endColumn: 12 + token.length,
    });
    const { log } = sarif([input]);
    const [result] = log.runs[0].results;
    const rules = log.runs[0].tool.driver.rules;
    expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.ruleId).toBe('segment-public-api-token');
    expect(result.level).toBe('error');
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 7, startColumn: 12, endColumn: 12 + token.length },
        },
      },
    ]);
    expect(Object.values(result.partialFingerprints)).toEqual([
      fingerprintToken('segment-public-api-token', token),
    ]);
    expect(result.properties).toBeUndefined();
  });

  test('partialFingerprints follow the token, not its place: same token, other line, same value', () => {
    const token = highEntropyToken(64);
    const { log } = sarif([
      finding({ token, line: 3 }),
      finding({ token, line: 90, file: 'other.ts' }),
      finding({ token: highEntropyToken(64) }),
    ]);
    const [a, b, c] = log.runs[0].results.map((r) => JSON.stringify(r.partialFingerprints));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  test('non-blocking findings are warnings; every rule index is valid', () => {
    const { log } = sarif([
      finding({
        token: makeSourcegraphToken('local'),
        ruleId: 'sourcegraph-access-token',
        blocking: false,
      }),
      finding({ token: 'Zq8xW3vB7nM1kL5jH9gF2d', ruleId: 'segment-credential-assignment' }),
    ]);
    const rules = log.runs[0].tool.driver.rules;
    expect(log.runs[0].results.map((r) => r.level)).toEqual(['warning', 'error']);
    for (const result of log.runs[0].results)
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  test('range and history findings name their commit (full id) in properties and message', () => {
    const { log } = sarif([finding({ token: highEntropyToken(40), commit: COMMIT })]);
    const [result] = log.runs[0].results;
    expect(result.properties).toEqual({ commit: COMMIT.id });
    expect(result.message.text).toContain(COMMIT.id);
  });

  test('no full token anywhere unless --no-redact', () => {
    const tokens = [highEntropyToken(64), highEntropyToken(16), makeSourcegraphToken('id')];
    const findings = tokens.map((token) => finding({ token }));
    const redacted = sarif(findings).text;
    for (const token of tokens) expect(redacted).not.toContain(token);
    expect(tokenShapedStrings(redacted)).toEqual([]);
    expect(redacted).toContain(redactToken(tokens[0]));

    const plain = sarif(findings, false).text;
    expect(plain).toContain(tokens[0]);
  });

  test('the redacted secret in a message shows at most the prefix and four characters', () => {
    const token = highEntropyToken(64);
    const { log } = sarif([finding({ token })]);
    const shown = log.runs[0].results[0].message.text.match(new RegExp(`${PREFIX}\\S*`))?.[0];
    expect(shown).toBe(redactToken(token));
    expect(shown?.replace(PREFIX, '').replace('…', '')).toHaveLength(4);
  });
});

describe('toUri (artifact locations)', () => {
  test.each([
    ['src/app.ts', 'src/app.ts'],
    ['my dir/a file.ts', 'my%20dir/a%20file.ts'],
    ['café/中文.txt', 'caf%C3%A9/%E4%B8%AD%E6%96%87.txt'],
    ['emoji 😀.txt', 'emoji%20%F0%9F%98%80.txt'],
    ['100%.txt', '100%25.txt'],
    ['a#b?c.txt', 'a%23b%3Fc.txt'],
    // A colon in the first segment would otherwise read as a URI scheme.
    ['c:/x.txt', 'c%3A/x.txt'],
    ['new\nline.txt', 'new%0Aline.txt'],
  ])('%j -> %s', (file, uri) => {
    expect(toUri(file)).toBe(uri);
    // Decoding each segment gives the name back exactly.
    expect(uri.split('/').map(decodeURIComponent).join('/')).toBe(file);
  });

  test('encoded names still validate as uri-reference in a whole log', () => {
    const { log } = sarif(
      ['my dir/a file.ts', 'café/中文.txt', '100%.txt', 'c:/x.txt', 'a#b?c.txt'].map((file) =>
        finding({ token: highEntropyToken(40), file }),
      ),
    );
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});
