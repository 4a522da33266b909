/**
 * `segment-credential-assignment`, table-driven: each line on the left is found (with the
 * exact columns of the value), each line on the right is not. Secret values are random and
 * built at run time.
 */
import { randomInt } from 'node:crypto';
import {
  findCredentialAssignments,
  isCredentialName,
  nonCredentialReason,
} from '../../src/detect/assignmentRule';
import { LineScanner } from '../../src/detect/lineScanner';
import { makeToken, randomString } from '../helpers/tokens';

/**
 * A realistic secret: random letters and digits, 20 to 40 long, with at least two of each.
 * Vowels and x are left out so that no placeholder word ("here", "your", "fake", "xxxx"…) can
 * appear by chance: the rule dismisses values holding one, by design.
 */
function makeSecretValue(length = 20 + randomInt(21)): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWYZbcdfghjklmnpqrstvwyz0123456789';
  for (;;) {
    const value = randomString(length, alphabet);
    if (/\d.*\d/.test(value) && /[A-Za-z].*[A-Za-z]/.test(value)) return value;
  }
}

/** A base64-looking secret (with + / and = padding). */
function makeBase64Secret(): string {
  return `${makeSecretValue(22)}+${makeSecretValue(10)}/${makeSecretValue(8)}==`;
}

type Shape = [description: string, line: (value: string) => string];

const FOUND: Shape[] = [
  ['env export, double quotes', (v) => `export SEGMENT_API_TOKEN="${v}"`],
  ['env export, unquoted', (v) => `export SEGMENT_TOKEN=${v}`],
  ['.env KEY=value', (v) => `SEGMENT_TOKEN=${v}`],
  ['.env single quotes', (v) => `SEGMENT_KEY='${v}'`],
  ['.env with a trailing comment', (v) => `SEGMENT_SECRET="${v}"  # production`],
  ['.env unquoted with a comment', (v) => `SEGMENT_ACCESS_TOKEN=${v} # rotated monthly`],
  ['spaces around =', (v) => `SEGMENT_API_TOKEN = "${v}"`],
  ['shell command prefix', (v) => `SEGMENT_TOKEN="${v}" npm run deploy`],
  ['Windows set', (v) => `set SEGMENT_TOKEN=${v}`],
  ['PowerShell $env:', (v) => `$env:SEGMENT_TOKEN = "${v}"`],
  ['Dockerfile ENV', (v) => `ENV SEGMENT_TOKEN=${v}`],
  ['docker-compose list item', (v) => `      - SEGMENT_API_TOKEN=${v}`],
  ['docker-compose quoted list item', (v) => `      - "SEGMENT_API_TOKEN=${v}"`],
  ['command-line flag', (v) => `node sync.js --segment-token=${v}`],
  ['JSON camelCase', (v) => `  "segmentApiToken": "${v}",`],
  ['JSON compact', (v) => `{"SEGMENT_TOKEN":"${v}"}`],
  ['.NET appsettings section key', (v) => `    "Segment:ApiToken": "${v}"`],
  ['.NET section key, short name', (v) => `"Segment:AccessToken": "${v}",`],
  ['.NET environment variable', (v) => `Segment__ApiToken=${v}`],
  ['Java properties', (v) => `segment.api.token=${v}`],
  ['YAML snake_case, unquoted', (v) => `segment_token: ${v}`],
  ['YAML, double quotes, indented', (v) => `  segment_api_token: "${v}"`],
  ['YAML kebab-case, single quotes', (v) => `segment-access-token: '${v}'`],
  ['GitHub Actions env', (v) => `      SEGMENT_TOKEN: ${v}`],
  ['JS const SCREAMING_CASE', (v) => `const SEGMENT_KEY = '${v}';`],
  ['JS let camelCase', (v) => `let segmentToken = "${v}";`],
  ['JS template literal', (v) => `const segmentApiToken = \`${v}\`;`],
  ['JS object property', (v) => `  segmentSecret: "${v}",`],
  ['PascalCase object property', (v) => `  SegmentAccessToken: '${v}',`],
  ['process.env assignment', (v) => `process.env.SEGMENT_TOKEN = "${v}";`],
  ['prefixed name', (v) => `PROD_SEGMENT_API_TOKEN=${v}`],
  ['prefixed camelCase', (v) => `const stagingSegmentKey = "${v}";`],
  ['TypeScript type annotation', (v) => `const SEGMENT_KEY: string = '${v}';`],
  ['Python type hint', (v) => `SEGMENT_TOKEN: str = "${v}"`],
  ['Python os.environ item', (v) => `os.environ["SEGMENT_TOKEN"] = "${v}"`],
  ['C# const', (v) => `public const string SegmentApiToken = "${v}";`],
  ['Java static final', (v) => `private static final String SEGMENT_SECRET = "${v}";`],
  ['Go :=', (v) => `segmentToken := "${v}"`],
  ['Makefile :=', (v) => `SEGMENT_API_TOKEN := ${v}`],
  ['PHP array', (v) => `    'segment_key' => '${v}',`],
  ['Ruby hash rocket', (v) => `  :segment_token => "${v}",`],
];

/** Value-independent shapes and shapes that embed a generated value. */
const IGNORED: Shape[] = [
  ['process.env reference', () => `const token = process.env.SEGMENT_TOKEN;`],
  ['process.env as a value', () => `  segmentToken: process.env.SEGMENT_TOKEN,`],
  ['shell ${} reference', () => `SEGMENT_TOKEN=\${SEGMENT_TOKEN}`],
  ['shell ${:-} default', () => `SEGMENT_TOKEN="\${SEGMENT_TOKEN:-}"`],
  ['shell $VAR', () => `SEGMENT_TOKEN="$SEGMENT_API_TOKEN"`],
  ['GitHub Actions secret', () => `      SEGMENT_TOKEN: \${{ secrets.SEGMENT_TOKEN }}`],
  ['command substitution', () => `SEGMENT_TOKEN=$(cat /run/secrets/segment_token)`],
  ['vault command', () => `export SEGMENT_TOKEN=$(vault kv get -field=token secret/segment)`],
  ['angle placeholder', () => `SEGMENT_TOKEN=<your-token>`],
  ['JSON angle placeholder', () => `  "segmentApiToken": "<your-segment-api-token>",`],
  ['empty .env value', () => `SEGMENT_TOKEN=`],
  ['empty quotes', () => `SEGMENT_TOKEN=""`],
  ['empty YAML string', () => `segment_token: ''`],
  ['YAML null', () => `segment_token: null`],
  ['short value', () => `SEGMENT_TOKEN=abc123DEF`],
  ['"your … here" placeholder', () => `SEGMENT_API_TOKEN=your_segment_api_token_here`],
  ['changeme placeholder', () => `SEGMENT_TOKEN=changeme1234567890abc`],
  ['REPLACE_ME placeholder', () => `SEGMENT_TOKEN=REPLACE_ME_WITH_REAL_TOKEN_1`],
  ['xxxx placeholder', () => `SEGMENT_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx`],
  ['example placeholder', () => `  segmentToken: "example-token-0123456789",`],
  ['commented placeholder', () => `# export SEGMENT_TOKEN=<paste the token here>`],
  ['low entropy', () => `SEGMENT_TOKEN=aaaabbbbccccdddd1111`],
  ['low entropy, alternating', () => `SEGMENT_SECRET=ab12ab12ab12ab12ab12`],
  ['all letters', () => `SEGMENT_SECRET=correcthorsebatterystaple`],
  ['all digits', () => `SEGMENT_KEY=12345678901234567890`],
  ['dotted property path', () => `  segmentToken: this.config.segment.apiToken,`],
  ['dotted path in Python', () => `SEGMENT_TOKEN = settings.segment.api_token`],
  ['function call', () => `const segmentToken = getSecret("segment-token-2024");`],
  ['CloudFormation !Ref', () => `  SEGMENT_TOKEN: !Ref SegmentApiTokenParameter`],
  ['Ansible template', () => `segment_token: "{{ vault_segment_token }}"`],
  ['Windows %VAR%', () => `set SEGMENT_TOKEN=%SEGMENT_TOKEN%`],
  ['.NET empty', () => `    "Segment:ApiToken": ""`],
  ['.NET reference', () => `    "Segment:ApiToken": "\${SEGMENT_API_TOKEN}"`],
  ['1Password reference', () => `SEGMENT_TOKEN="op://Engineering/segment-prod/token2"`],
  [
    'AWS Secrets Manager ARN',
    () => `SEGMENT_TOKEN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:segment-Ab12Cd"`,
  ],
  ['file path under a _FILE name', () => `SEGMENT_TOKEN_FILE=/run/secrets/segment_token_2`],
  ['expiry under a longer name', () => `  segmentTokenExpiresAt: "2025-01-01T00:00:00Z",`],
  ['prose', () => `Set SEGMENT_TOKEN to the token from the Segment settings page.`],
  ['SEGMENT_WRITE_KEY (public client key)', (v) => `SEGMENT_WRITE_KEY=${v}`],
  ['NEXT_PUBLIC_SEGMENT_WRITE_KEY', (v) => `NEXT_PUBLIC_SEGMENT_WRITE_KEY="${v}"`],
  ['JSON segmentWriteKey', (v) => `  "segmentWriteKey": "${v}",`],
  ['analytics.js writeKey', (v) => `analytics.load({ writeKey: '${v}' });`],
  ['generic API_TOKEN (not a Segment name)', (v) => `API_TOKEN=${v}`],
  ['SEGMENT_KEY_ID (an identifier)', (v) => `SEGMENT_KEY_ID=${v}`],
  ['sgp_ token (the token rule reports it)', () => `SEGMENT_API_TOKEN=${makeToken()}`],
  ['quoted sgp_ token', () => `  "segmentApiToken": "${makeToken(32)}",`],
  ['comparison ==', (v) => `if (segmentToken == "${v}") {`],
  ['comparison ===', (v) => `const same = SEGMENT_TOKEN === '${v}';`],
  ['comparison == without spaces', (v) => `assert SEGMENT_TOKEN==${v}`],
  ['shell test ==', (v) => `[ "$SEGMENT_TOKEN" == "${v}" ]`],
  ['comparison !=', (v) => `if SEGMENT_TOKEN != "${v}":`],
  ['sops-encrypted value', (v) => `SEGMENT_TOKEN: ENC[AES256_GCM,data:${v},iv:${v}]`],
];

describe('found: each shape with a realistic secret, at the exact columns', () => {
  test('the tables are large enough', () => {
    expect(FOUND.length).toBeGreaterThanOrEqual(30);
    expect(IGNORED.length).toBeGreaterThanOrEqual(30);
  });

  test.each(FOUND)('%s', (_description, shape) => {
    for (const value of [makeSecretValue(20), makeSecretValue(40), makeSecretValue()]) {
      const line = shape(value);
      const start = line.indexOf(value);
      expect(findCredentialAssignments(line)).toEqual([
        {
          ruleId: 'segment-credential-assignment',
          start,
          end: start + value.length,
          token: value,
          placeholder: false,
        },
      ]);
      // Through the line scanner (as the scan runs it): 1-based columns in the whole line.
      const outcome = new LineScanner().push(Buffer.from(line), true);
      expect(
        outcome?.matches.map(({ candidate, column, endColumn }) => [
          candidate.ruleId,
          column,
          endColumn,
        ]),
      ).toEqual([['segment-credential-assignment', start + 1, start + 1 + value.length]]);
    }
  });

  test('a base64 secret with + / and padding, unquoted and quoted', () => {
    const value = makeBase64Secret();
    for (const line of [`SEGMENT_SECRET=${value}`, `segmentSecret: "${value}"`]) {
      const [candidate] = findCredentialAssignments(line);
      expect(candidate?.token).toBe(value);
      expect(candidate?.start).toBe(line.indexOf(value));
    }
  });

  test('two assignments on one line: both, in order, each at its own column', () => {
    const first = makeSecretValue();
    const second = makeSecretValue();
    const line = `SEGMENT_TOKEN=${first} SEGMENT_SECRET=${second}`;
    expect(findCredentialAssignments(line).map(({ token, start }) => [token, start])).toEqual([
      [first, line.indexOf(first)],
      [second, line.indexOf(second)],
    ]);
  });

  test('columns count UTF-16 code units after non-ASCII text', () => {
    const value = makeSecretValue();
    const line = `// clé → "naïve" 🎉\nconst segmentToken = "${value}";`.split('\n')[1];
    const prefixed = `/* ✓ 🎉 */ ${line}`;
    const outcome = new LineScanner().push(Buffer.from(prefixed), true);
    const column = prefixed.indexOf(value) + 1;
    expect(outcome?.matches.map((m) => [m.column, m.endColumn])).toEqual([
      [column, column + value.length],
    ]);
  });

  test('an inline allow marker silences the rule', () => {
    const outcome = new LineScanner().push(
      Buffer.from(`SEGMENT_TOKEN=${makeSecretValue()} # seg-hook:allow`),
      true,
    );
    expect(outcome).toMatchObject({ matches: [], allowed: 1 });
  });
});

describe('ignored: references, templates, placeholders, other names', () => {
  test.each(IGNORED)('%s', (_description, shape) => {
    for (const value of [makeSecretValue(20), makeSecretValue(40)]) {
      const line = shape(value);
      expect(findCredentialAssignments(line)).toEqual([]);
      const outcome = new LineScanner().push(Buffer.from(line), true);
      const ruleIds = outcome?.matches.map((match) => match.candidate.ruleId) ?? [];
      expect(ruleIds).not.toContain('segment-credential-assignment');
    }
  });

  test('an sgp_ value is reported once, by the token rule', () => {
    const token = makeToken();
    const outcome = new LineScanner().push(Buffer.from(`SEGMENT_API_TOKEN="${token}"`), true);
    expect(outcome?.matches.map((match) => match.candidate.ruleId)).toEqual([
      'segment-public-api-token',
    ]);
  });
});

describe('names', () => {
  test.each([
    'SEGMENT_API_TOKEN',
    'SEGMENT_TOKEN',
    'SEGMENT_KEY',
    'SEGMENT_SECRET',
    'SEGMENT_ACCESS_TOKEN',
    'segmentApiToken',
    'SegmentAccessToken',
    'segment-token',
    'segment.api.token',
    'Segment:ApiToken',
    'Segment__ApiToken',
    'PROD_SEGMENT_API_TOKEN',
    'process.env.SEGMENT_TOKEN',
  ])('%s is a credential name', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  test.each([
    'SEGMENT_WRITE_KEY',
    'segmentWriteKey',
    'writeKey',
    'API_TOKEN',
    'SEGMENT_TOKEN_FILE',
    'SEGMENT_KEY_ID',
    'SEGMENT_TOKEN_URL',
    'segmentTokenExpiresAt',
    'SEGMENT',
    'TOKEN',
  ])('%s is not', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });
});

describe('why a value is not a credential', () => {
  test.each([
    ['abc123DEF', 'too short'],
    [makeToken(), 'an sgp_ token (the token rule reports those)'],
    ['${SEGMENT_TOKEN}', 'a reference or template'],
    ['{{ vault_segment_token }}'.replace(/ /g, ''), 'a reference or template'],
    ['config.segment.apiToken', 'a property path'],
    ['correcthorsebatterystaple', 'not mixed letters and digits'],
    ['12345678901234567890', 'not mixed letters and digits'],
    ['op://Engineering/segment-prod/token2', 'a URI or secret-manager reference'],
    ['your-token-goes-here-123', 'a placeholder'],
    ['aaaabbbbccccdddd1111', 'low entropy'],
  ])('%s: %s', (value, reason) => {
    expect(nonCredentialReason(value)).toBe(reason);
  });

  test('a random secret is a credential', () => {
    for (let i = 0; i < 200; i++) expect(nonCredentialReason(makeSecretValue())).toBeNull();
  });
});

describe('long lines', () => {
  // Lines reach the rule in segments of up to 1 MiB (minified bundles). With unbounded
  // repetitions, 64 KiB of these took 2 to 28 seconds (quadratic: hours at 1 MiB); bounded
  // ones take milliseconds.
  test.each([
    'a:',
    'a.',
    'a-',
    'a=',
    'segment.',
    'segment:',
    'Segment-',
    'segment_token=x',
    'a:segment:',
  ])('64 KiB of %j repeated is scanned in linear time', (unit) => {
    const line = `segment ${unit.repeat(Math.floor((64 * 1024) / unit.length))}`;
    const started = Date.now();
    expect(findCredentialAssignments(line)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('a finding at the end of a long line is still found at its column', () => {
    const value = makeSecretValue();
    const line = `${'x.y('.repeat(100000)} SEGMENT_TOKEN=${value}`;
    expect(findCredentialAssignments(line).map((c) => c.start)).toEqual([line.indexOf(value)]);
  });
});

describe('values without digits, and placeholder words inside random values', () => {
  const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

  test('a quoted mixed-case literal of 20+ letters is a credential; unquoted identifiers are not', () => {
    const value = `Qz${randomString(30, LETTERS)}Wx`;
    expect(findCredentialAssignments(`SEGMENT_TOKEN="${value}"`).map((c) => c.token)).toEqual([
      value,
    ]);
    expect(findCredentialAssignments(`segmentToken = legacyTokenFallbackValueHolder;`)).toEqual([]);
    expect(nonCredentialReason('correcthorsebatterystaple', true)).toBe(
      'not mixed letters and digits',
    );
  });

  test('a placeholder word counts only as a whole word', () => {
    const core = randomString(12, LETTERS.slice(0, 26)) + '7' + randomString(12, LETTERS.slice(26));
    expect(nonCredentialReason(`Qz${core}HereKp`)).toBeNull();
    expect(nonCredentialReason(`your_segment_token_here_${core}`)).toBe('a placeholder');
    expect(nonCredentialReason(`changeme-${core}`)).toBe('a placeholder');
  });
});

describe('names in any casing reach the rule through the line scanner', () => {
  test.each(['sEgMeNt_TOKEN', 'SeGmEnTaPiToKeN', 'segment_API_token'])('%s', (name) => {
    const value = `${randomString(12)}7${randomString(12)}`;
    const line = `${name}=${value}`;
    const outcome = new LineScanner().push(Buffer.from(line), true);
    expect(outcome?.matches.map((m) => [m.candidate.token, m.column])).toEqual([
      [value, name.length + 2],
    ]);
  });
});
