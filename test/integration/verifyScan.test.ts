/**
 * `seg-hook --staged --verify`: real temp repositories, the built CLI, and a local fake of
 * Segment's Public API. Nothing is sent without --verify; with it, each Segment token is sent
 * once, in the Authorization header only, and the report says which tokens are live.
 */
import { randomInt } from 'node:crypto';
import {
  BODY_MARKER,
  closedPortUrl,
  FakeSegmentApi,
  runAsync,
  runCliAsync,
} from '../helpers/fakeSegmentApi';
import { RunResult, TempRepo } from '../helpers/gitRepo';
import { makeSourcegraphToken, makeToken, PREFIX, randomString } from '../helpers/tokens';
import { writeScript } from './scanSupport';

interface VerifiedFinding {
  ruleId: string;
  file: string;
  line: number;
  secret: string;
  blocking: boolean;
  verification?: { status: string; reason: string };
}

/** Random base62 without vowels or x (no placeholder word can appear), with digits and letters. */
function makeSecretValue(length = 20 + randomInt(21)): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWYZbcdfghjklmnpqrstvwyz0123456789';
  for (;;) {
    const value = randomString(length, alphabet);
    if (/\d.*\d/.test(value) && /[A-Za-z].*[A-Za-z]/.test(value)) return value;
  }
}

let api: FakeSegmentApi;
const repos: TempRepo[] = [];
/** Every secret a test made; no output may contain one. */
const secrets: string[] = [];

beforeAll(async () => {
  api = await FakeSegmentApi.start({ slowMs: 5000 });
});
afterAll(async () => {
  await api.close();
  for (const repo of repos) repo.cleanup();
});
beforeEach(() => {
  api.requests.length = 0;
});

function newRepo(files: Record<string, string>): TempRepo {
  const repo = new TempRepo();
  repos.push(repo);
  repo.stage(files);
  return repo;
}

function remember<T extends string>(secret: T): T {
  secrets.push(secret);
  return secret;
}

function expectNoLeak(result: RunResult): void {
  const output = result.stdout + result.stderr;
  expect(output).not.toContain(BODY_MARKER);
  for (const secret of secrets) {
    if (output.includes(secret)) throw new Error(`a secret (${secret.length} chars) leaked`);
  }
}

async function scan(repo: TempRepo, args: string[]): Promise<RunResult> {
  const result = await runCliAsync(args, { cwd: repo.dir });
  expectNoLeak(result);
  return result;
}

async function scanJson(repo: TempRepo, args: string[]) {
  const result = await scan(repo, ['--staged', '--format', 'json', ...args]);
  expect(result.status).not.toBe(2);
  const report = JSON.parse(result.stdout) as { findings: VerifiedFinding[] };
  return { ...result, findings: report.findings };
}

/** The tokens the fake API received, in the order received. */
function bearerTokensSent(): string[] {
  return api.requests.map((request) => {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new Error('a request without a Bearer token');
    return match[1];
  });
}

describe('without --verify nothing is sent', () => {
  test.each([
    ['text', ['--staged', '--api-url']],
    ['json', ['--staged', '--format', 'json', '--api-url']],
    ['json with --timeout', ['--staged', '--format', 'json', '--timeout', '100', '--api-url']],
  ])(
    '%s: --api-url without --verify is refused (exit 2, one line), nothing sent',
    async (_name, args) => {
      const token = remember(makeToken());
      api.activate(token);
      const repo = newRepo({ 'config.js': `module.exports = { token: '${token}' };\n` });
      const result = await scan(repo, [...args, api.url()]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^seg-hook: --api-url and --timeout only apply with --verify\..*\n$/,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(api.requests).toHaveLength(0);
    },
  );

  test('JSON findings carry no verification field', async () => {
    const token = remember(makeToken());
    const repo = newRepo({ 'a.txt': `${token}\n` });
    const { findings } = await scanJson(repo, []);
    expect(findings).toHaveLength(1);
    expect(findings[0]).not.toHaveProperty('verification');
    expect(api.requests).toHaveLength(0);
  });

  test('--verify with nothing found sends nothing and exits 0', async () => {
    const repo = newRepo({ 'a.txt': 'SEGMENT_WRITE_KEY=not-a-credential\nnothing here\n' });
    const result = await scan(repo, ['--staged', '--verify', '--api-url', api.url()]);
    expect(result.status).toBe(0);
    expect(api.requests).toHaveLength(0);
  });
});

describe('--staged --verify, JSON', () => {
  test('each finding gains a verification; only Segment tokens are sent, each once', async () => {
    const active = remember(makeToken());
    const invalid = remember(makeToken());
    const forbidden = remember(makeToken(32));
    const sourcegraph = remember(makeSourcegraphToken('hex40'));
    const assigned = remember(makeSecretValue());
    api.activate(active);
    api.forbid(forbidden);
    const repo = newRepo({
      'src/live.ts': `export const token = "${active}";\n`,
      'src/again.ts': `// same token twice\nconst t = "${active}";\n`,
      'src/old.ts': `const old = '${invalid}';\n`,
      'src/forbidden.ts': `const f = '${forbidden}';\n`,
      'src/sourcegraph.ts': `const sg = '${sourcegraph}';\n`,
      'deploy/settings.yaml': `segment_api_token: ${assigned}\n`,
    });
    const { status, findings } = await scanJson(repo, ['--verify', '--api-url', api.url()]);
    expect(status).toBe(1);

    const byFile = new Map(findings.map((finding) => [finding.file, finding]));
    expect(byFile.size).toBe(6);
    expect(byFile.get('src/live.ts')?.verification).toEqual({
      status: 'active',
      reason: expect.stringContaining('HTTP 200'),
    });
    expect(byFile.get('src/again.ts')?.verification?.status).toBe('active');
    expect(byFile.get('src/old.ts')?.verification).toEqual({
      status: 'invalid',
      reason: expect.stringContaining('HTTP 401'),
    });
    expect(byFile.get('src/forbidden.ts')?.verification).toEqual({
      status: 'invalid',
      reason: expect.stringContaining('HTTP 403'),
    });
    for (const file of ['src/sourcegraph.ts', 'deploy/settings.yaml']) {
      expect(byFile.get(file)?.verification).toEqual({
        status: 'unknown',
        reason: expect.stringContaining('not sent'),
      });
    }
    expect(byFile.get('deploy/settings.yaml')?.ruleId).toBe('segment-credential-assignment');

    // One request per distinct Segment token; never the Sourcegraph token or the assigned value.
    expect(bearerTokensSent().sort()).toEqual([active, invalid, forbidden].sort());
    for (const request of api.requests) {
      expect(request.method).toBe('GET');
      expect(request.url).toBe('/');
      expect(request.headers.cookie).toBeUndefined();
      const everything = [request.url, ...request.rawHeaders].join('\n');
      for (const other of [sourcegraph, assigned]) expect(everything).not.toContain(other);
    }
  });

  test.each([
    ['a 429', '/status/429', /rate limited .*HTTP 429/],
    ['a 500', '/status/500', /HTTP 500/],
    ['a redirect (not followed)', '/redirect', /302.*not followed/],
  ])('%s: unknown, the commit still blocked', async (_name, route, reason) => {
    const token = remember(makeToken());
    api.activate(token);
    const repo = newRepo({ 'a.txt': `${token}\n` });
    const { status, findings } = await scanJson(repo, ['--verify', '--api-url', api.url(route)]);
    expect(status).toBe(1);
    expect(findings[0].verification).toEqual({
      status: 'unknown',
      reason: expect.stringMatching(reason),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.requests.map((request) => request.url)).toEqual([`${route}/`]);
  });

  test('an API that does not answer within --timeout: unknown (timed out)', async () => {
    const token = remember(makeToken());
    const repo = newRepo({ 'a.txt': `${token}\n` });
    const { status, findings } = await scanJson(repo, [
      '--verify',
      '--api-url',
      api.url('/hang'),
      '--timeout',
      '250',
    ]);
    expect(status).toBe(1);
    expect(findings[0].verification).toEqual({
      status: 'unknown',
      reason: 'timed out after 250 ms',
    });
  });

  test('nothing listening: unknown (network error)', async () => {
    const token = remember(makeToken());
    const repo = newRepo({ 'a.txt': `${token}\n` });
    const { status, findings } = await scanJson(repo, [
      '--verify',
      '--api-url',
      await closedPortUrl(),
    ]);
    expect(status).toBe(1);
    expect(findings[0].verification).toEqual({
      status: 'unknown',
      reason: 'network error (ECONNREFUSED)',
    });
  });

  test.each([
    ['plain http to a non-loopback host', 'http://api.segmentapis.com'],
    ['credentials in the URL', `https://user:pw@127.0.0.1`],
    ['garbage', '::::'],
  ])(
    '--verify with an --api-url with %s: exit 2, one line, nothing scanned or sent',
    async (_name, url) => {
      const token = remember(makeToken());
      const repo = newRepo({ 'a.txt': `${token}\n` });
      const result = await scan(repo, ['--staged', '--verify', '--api-url', url]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^seg-hook: --api-url /);
      expect(api.requests).toHaveLength(0);
    },
  );
});

describe('--staged --verify, text', () => {
  test('an active token puts "ACTIVE" and the revoke steps first', async () => {
    const active = remember(makeToken());
    const invalid = remember(makeToken());
    api.activate(active);
    const repo = newRepo({
      'src/a.js': `const a = "${active}";\n`,
      'src/b.js': `const b = "${invalid}";\n`,
    });
    const result = await scan(repo, ['--staged', '--verify', '--api-url', api.url()]);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/^ACTIVE: this token works against Segment's API\. Revoke it now:$/);
    expect(lines[1]).toMatch(/delete the token/);
    const revokeAt = lines.findIndex((line) => /delete the token/.test(line));
    const blockedAt = lines.findIndex((line) => /found in the staged changes/.test(line));
    expect(revokeAt).toBeGreaterThan(0);
    expect(blockedAt).toBeGreaterThan(revokeAt);
    const activeLine = lines.find((line) => line.includes('src/a.js:1:'));
    expect(activeLine).toContain('ACTIVE — revoke it now');
    const invalidLine = lines.find((line) => line.includes('src/b.js:1:'));
    expect(invalidLine).toMatch(/\(invalid: rejected by 127\.0\.0\.1:\d+ \(HTTP 401\)\)/);
    expect(invalidLine).not.toContain('ACTIVE');
    // Redacted forms only.
    expect(activeLine).toContain(`${PREFIX}${active.slice(4, 6)}…${active.slice(-2)}`);
  });

  test('ACTIVE comes first even before risky-file warnings', async () => {
    const active = remember(makeToken());
    api.activate(active);
    const repo = newRepo({ '.env': `SEGMENT_API_TOKEN=${active}\n` });
    const result = await scan(repo, ['--staged', '--verify', '--api-url', api.url()]);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toMatch(/^ACTIVE: /);
    expect(result.stderr).toMatch(/warning: \.env is being committed/);
  });

  test('no active token: no ACTIVE header, each verdict beside its finding', async () => {
    const invalid = remember(makeToken());
    const repo = newRepo({ 'a.txt': `${invalid}\n` });
    const result = await scan(repo, ['--staged', '--verify', '--api-url', api.url('/status/429')]);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('ACTIVE');
    expect(result.stderr).toMatch(
      /a\.txt:1:1 .*\(unknown: rate limited by 127\.0\.0\.1:\d+ \(HTTP 429\)\)/,
    );
  });

  test('a real git commit whose hook runs --staged --verify is blocked and says ACTIVE', async () => {
    const active = remember(makeToken());
    api.activate(active);
    const repo = newRepo({ 'app.js': `const token = "${active}";\n` });
    writeScript(
      `${repo.dir}/.git/hooks/pre-commit`,
      `exec "${process.execPath}" "${require.resolve('../../dist/cli/main.js')}" --staged --verify --api-url "${api.url()}"`,
    );
    const result = await runAsync('git', ['commit', '-q', '-m', 'leak'], { cwd: repo.dir });
    expectNoLeak(result);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/^ACTIVE: /);
    expect(bearerTokensSent()).toEqual([active]);
    expect(() => repo.git('rev-parse', '--verify', 'HEAD')).toThrow();
  });
});
