/**
 * `segment-credential-assignment` and risky-file warnings on real temp repositories with the
 * built CLI: what is found and where, the `credentialAssignments` and `riskyFileWarnings`
 * settings, and real `git commit`s through a pre-commit hook.
 */
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { TempRepo } from '../helpers/gitRepo';
import { randomString } from '../helpers/tokens';
import {
  CLI,
  JsonReport,
  linesOf,
  positionOf,
  RunResult,
  ScanSession,
  writeScript,
} from './scanSupport';

const session = new ScanSession();
afterAll(() => session.cleanup());

/** Random letters and digits (no vowels or x: no placeholder word by chance), remembered. */
function secretValue(length = 20 + randomInt(21)): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWYZbcdfghjklmnpqrstvwyz0123456789';
  for (;;) {
    const value = randomString(length, alphabet);
    if (/\d.*\d/.test(value) && /[A-Za-z].*[A-Za-z]/.test(value)) return session.remember(value);
  }
}

const redacted = (value: string) => `${value.slice(0, 2)}…${value.slice(-2)}`;

type Report = JsonReport & { warnings: Array<{ kind: string; file: string }> };

function json(repo: TempRepo, args: string[] = []): RunResult & { report: Report } {
  const result = session.json(repo, args);
  return { ...result, report: result.report as Report };
}

function withHook(repo: TempRepo): TempRepo {
  writeScript(
    path.join(repo.dir, '.git', 'hooks', 'pre-commit'),
    `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)}`,
  );
  return repo;
}

const hasHead = (repo: TempRepo) =>
  repo.tryGit(['rev-parse', '--verify', '-q', 'HEAD']).status === 0;

describe('each seed shape is found at its line and column; references are not', () => {
  let repo: TempRepo;
  const expected: Array<{ file: string; content: string; value: string }> = [];

  beforeAll(() => {
    repo = session.repo();
    const files: Record<string, (v: string) => string> = {
      '.env': (v) =>
        `# local\nSEGMENT_WRITE_KEY=${secretValue()}\nexport SEGMENT_API_TOKEN="${v}"\nSEGMENT_TOKEN=\${SEGMENT_TOKEN}\n`,
      'appsettings.json': (v) =>
        `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "Segment:ApiToken": "${v}",\n  "Segment:WriteKey": "${secretValue()}"\n}\n`,
      'config/settings.yaml': (v) =>
        `segment:\n  write_key: ${secretValue()}\n  segment_token: ${v}\n  other_token: \${{ secrets.SEGMENT_TOKEN }}\n`,
      'src/client.ts': (v) =>
        `import Analytics from 'analytics';\n\nconst fromEnv = process.env.SEGMENT_ACCESS_TOKEN;\nexport const SEGMENT_KEY: string = '${v}';\n`,
      'credentials.js': (v) =>
        `module.exports = {\n  segmentSecret: "${v}",\n  segmentToken: '<your-token>',\n};\n`,
      'Deploy.cs': (v) =>
        `class Deploy {\n  private const string SegmentAccessToken = "${v}";\n}\n`,
    };
    const staged: Record<string, string> = {};
    for (const [file, shape] of Object.entries(files)) {
      const value = secretValue();
      staged[file] = shape(value);
      expected.push({ file, content: staged[file], value });
    }
    repo.stage(staged);
  });

  test('JSON: one blocking finding per file, at the value, redacted', () => {
    const { status, report } = json(repo);
    expect(status).toBe(1);
    const findings = [...report.findings].sort((a, b) => a.file.localeCompare(b.file));
    expect(findings).toEqual(
      [...expected]
        .sort((a, b) => a.file.localeCompare(b.file))
        .map(({ file, content, value }) => {
          const at = positionOf(content, value);
          return {
            ruleId: 'segment-credential-assignment',
            file,
            line: at.line,
            column: at.column,
            endColumn: at.endColumn,
            secret: redacted(value),
            fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
            blocking: true,
          };
        }),
    );
  });

  test('text: each finding named by rule, the scan blocking, no value in full', () => {
    const result = session.scan(repo);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('found in the staged changes');
    for (const { file, content, value } of expected) {
      const at = positionOf(content, value);
      const line = linesOf(result.stderr).find((l) =>
        l.includes(`${file}:${at.line}:${at.column}`),
      );
      expect(line).toContain('[segment-credential-assignment]');
      expect(line).toContain(redacted(value));
    }
  });

  test('the risky files among them are warned about too', () => {
    const { report } = json(repo);
    expect(report.warnings.map((w) => w.file).sort()).toEqual(['.env', 'credentials.js']);
  });
});

describe('credentialAssignments setting', () => {
  function repoWith(config: object | null, extra: Record<string, string> = {}): TempRepo {
    const repo = session.repo();
    if (config) repo.stage({ '.seg-hookrc.json': JSON.stringify(config) });
    repo.stage({ 'settings.yaml': `segment_api_token: ${secretValue()}\n`, ...extra });
    return repo;
  }

  test('default: block (exit 1)', () => {
    const { status, report } = json(repoWith(null));
    expect(status).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.blocking])).toEqual([
      ['segment-credential-assignment', true],
    ]);
  });

  test('"warn": exit 0, the finding reported with blocking=false', () => {
    const repo = repoWith({ credentialAssignments: 'warn' });
    const { status, report } = json(repo);
    expect(status).toBe(0);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.blocking])).toEqual([
      ['segment-credential-assignment', 'settings.yaml', false],
    ]);
    expect(report.summary).toMatchObject({ findings: 1, blockingFindings: 0 });
    const text = session.scan(repo);
    expect(text.status).toBe(0);
    expect(text.stderr).toMatch(/reported as warnings \(not blocking\)/);
    expect(text.stderr).toContain('settings.yaml:1:20');
    expect(text.stderr).not.toContain('Commit blocked');
  });

  test('"warn" still blocks an sgp_ token in the same commit', () => {
    const token = session.token();
    const { status, report } = json(
      repoWith({ credentialAssignments: 'warn' }, { 'a.txt': `${token}\n` }),
    );
    expect(status).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.blocking]).sort()).toEqual([
      ['segment-credential-assignment', false],
      ['segment-public-api-token', true],
    ]);
  });

  test('"off": no finding, exit 0, silent', () => {
    const repo = repoWith({ credentialAssignments: 'off' });
    const { status, report } = json(repo);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
    const text = session.scan(repo);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
  });

  test('the setting in package.json#seg-hook works the same', () => {
    const repo = session.repo();
    repo.stage({
      'package.json': JSON.stringify({ name: 'x', 'seg-hook': { credentialAssignments: 'off' } }),
      '.env.production.example': `SEGMENT_TOKEN=${secretValue()}\n`,
    });
    expect(json(repo).report.findings).toEqual([]);
  });

  test('a bad value: exit 2, one line naming the file and the key', () => {
    const repo = repoWith({ credentialAssignments: 'maybe' });
    const result = session.scan(repo);
    expect(result.status).toBe(2);
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('.seg-hookrc.json');
    expect(result.stderr).toContain('credentialAssignments');
  });

  test('real git commit: blocked by default, allowed with "warn" (and the warning shown)', () => {
    const blocked = withHook(repoWith(null));
    const refused = session.run(blocked, 'git', ['commit', '-q', '-m', 'x']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('[segment-credential-assignment]');
    expect(hasHead(blocked)).toBe(false);

    const warned = withHook(repoWith({ credentialAssignments: 'warn' }));
    const accepted = session.run(warned, 'git', ['commit', '-q', '-m', 'x']);
    expect(accepted.status).toBe(0);
    expect(accepted.stderr).toContain('[segment-credential-assignment]');
    expect(hasHead(warned)).toBe(true);
  });
});

describe('risky-file warnings', () => {
  const RISKY_LINE = /^seg-hook: warning: (.+) is being committed; .*\.gitignore/;

  function warnedFiles(stderr: string): string[] {
    return linesOf(stderr).flatMap((line) => RISKY_LINE.exec(line)?.[1] ?? []);
  }

  test('.env, .env.*, credentials.js: a warning line each, JSON warnings, exit 0', () => {
    const repo = session.repo();
    repo.stage({
      '.env': 'DEBUG=1\n',
      'apps/web/.env.local': 'PORT=3000\n',
      'credentials.js': 'module.exports = {};\n',
      '.env.example': 'DEBUG=\n',
      '.env.sample': 'DEBUG=\n',
      '.env.template': 'DEBUG=\n',
      'src/app.js': 'console.log(1);\n',
    });
    const text = session.scan(repo);
    expect(text.status).toBe(0);
    expect(warnedFiles(text.stderr).sort()).toEqual([
      '.env',
      'apps/web/.env.local',
      'credentials.js',
    ]);
    const { status, report } = json(repo);
    expect(status).toBe(0);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        { kind: 'risky-file', file: '.env' },
        { kind: 'risky-file', file: 'apps/web/.env.local' },
        { kind: 'risky-file', file: 'credentials.js' },
      ]),
    );
    expect(report.warnings).toHaveLength(3);
    expect(report.findings).toEqual([]);
  });

  test("the exit code is the findings' alone: a token in .env still exits 1", () => {
    const repo = session.repo();
    repo.stage({ '.env': `SEGMENT_API_TOKEN=${session.token()}\n` });
    const result = session.scan(repo);
    expect(result.status).toBe(1);
    expect(warnedFiles(result.stderr)).toEqual(['.env']);
  });

  test('riskyFileWarnings: false silences them (text and JSON)', () => {
    const repo = session.repo();
    repo.stage({ '.seg-hookrc.json': '{ "riskyFileWarnings": false }', '.env': 'DEBUG=1\n' });
    const text = session.scan(repo);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    expect(json(repo).report.warnings).toEqual([]);
  });

  test('riskyFileWarnings must be a boolean', () => {
    const repo = session.repo();
    repo.stage({ '.seg-hookrc.json': '{ "riskyFileWarnings": "no" }' });
    const result = session.scan(repo);
    expect(result.status).toBe(2);
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('riskyFileWarnings');
  });

  test('removing a tracked .env from the index is not warned about', () => {
    const repo = session.repo();
    repo.stage({ '.env': 'DEBUG=1\n' });
    repo.commit('oops');
    repo.git('rm', '-q', '--cached', '.env');
    const result = session.scan(repo);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  test('real git commit of a .env: warned, not blocked', () => {
    const repo = withHook(session.repo());
    repo.stage({ '.env': 'DEBUG=1\n' });
    const result = session.run(repo, 'git', ['commit', '-q', '-m', 'env']);
    expect(result.status).toBe(0);
    expect(warnedFiles(result.stderr)).toEqual(['.env']);
    expect(hasHead(repo)).toBe(true);
  });
});
