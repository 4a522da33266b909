/**
 * verifyToken / verifyTokens against the local fake API, in-process: one request per distinct
 * token, the token in the Authorization header only, a bounded number at a time.
 */
import { Finding } from '../../src/types';
import { attachVerifications, parseVerifyOptions } from '../../src/cli/verifyOptions';
import { exitCodeFor, formatVerification } from '../../src/cli/verifyCommand';
import { DEFAULT_TIMEOUT_MS, verifyToken, verifyTokens } from '../../src/verify/verifyToken';
import { BODY_MARKER, closedPortUrl, FakeSegmentApi } from '../helpers/fakeSegmentApi';
import { makeSourcegraphToken, makeToken } from '../helpers/tokens';

let api: FakeSegmentApi;
beforeAll(async () => {
  api = await FakeSegmentApi.start({ slowMs: 400 });
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  api.maxInFlight = 0;
});

const options = (route = '', timeoutMs = 2000) => ({ apiUrl: new URL(api.url(route)), timeoutMs });

describe('verifyToken', () => {
  test('one GET of the API root with exactly the Bearer token', async () => {
    const token = makeToken();
    api.activate(token);
    const verdict = await verifyToken(token, options());
    expect(verdict).toEqual({
      status: 'active',
      reason: `accepted by 127.0.0.1:${api.port} (HTTP 200)`,
    });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request).toMatchObject({ method: 'GET', url: '/', bodyBytes: 0 });
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    expect(request.headers.cookie).toBeUndefined();
    expect([request.url, ...request.rawHeaders].join('\n').split(token)).toHaveLength(2);
  });

  test.each([
    ['unknown token', '', 'invalid', /HTTP 401/],
    ['429', '/status/429', 'unknown', /rate limited/],
    ['500', '/status/500', 'unknown', /HTTP 500/],
    ['redirect', '/redirect', 'unknown', /not followed/],
  ])('%s', async (_name, route, status, reason) => {
    const verdict = await verifyToken(makeToken(), options(route));
    expect(verdict.status).toBe(status);
    expect(verdict.reason).toMatch(reason);
    expect(verdict.reason).not.toContain(BODY_MARKER);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.requests).toHaveLength(1);
  });

  test('403 is invalid', async () => {
    const token = makeToken();
    api.forbid(token);
    expect((await verifyToken(token, options())).status).toBe('invalid');
  });

  test('a path in the base URL is kept, with a trailing slash', async () => {
    await verifyToken(makeToken(), options('/v1'));
    await verifyToken(makeToken(), options('/v1/'));
    expect(api.requests.map((request) => request.url)).toEqual(['/v1/', '/v1/']);
  });

  test('an API that never answers: the timeout ends the wait', async () => {
    const verdict = await verifyToken(makeToken(), options('/hang', 100));
    expect(verdict).toEqual({ status: 'unknown', reason: 'timed out after 100 ms' });
  });

  test('a closed port is a network error', async () => {
    const verdict = await verifyToken(makeToken(), {
      apiUrl: new URL(await closedPortUrl()),
      timeoutMs: 2000,
    });
    expect(verdict).toEqual({ status: 'unknown', reason: 'network error (ECONNREFUSED)' });
  });
});

describe('verifyTokens', () => {
  test('each distinct token once, at most 4 at a time', async () => {
    const tokens = Array.from({ length: 10 }, () => makeToken());
    const verdicts = await verifyTokens([...tokens, ...tokens.slice(0, 3)], options('/slow'));
    expect(api.requests).toHaveLength(10);
    expect(api.maxInFlight).toBeLessThanOrEqual(4);
    expect(api.maxInFlight).toBeGreaterThan(1);
    expect([...verdicts.keys()].sort()).toEqual([...tokens].sort());
    for (const verdict of verdicts.values()) expect(verdict.status).toBe('active');
  });

  test('no tokens, no requests', async () => {
    expect((await verifyTokens([], options())).size).toBe(0);
    expect(api.requests).toHaveLength(0);
  });
});

describe('attachVerifications', () => {
  const finding = (ruleId: Finding['ruleId'], token: string): Finding => ({
    ruleId,
    file: 'a.txt',
    line: 1,
    column: 1,
    endColumn: token.length + 1,
    token,
    blocking: true,
  });

  test('only Segment tokens are sent; other findings are marked "not sent"', async () => {
    const segment = makeToken();
    api.activate(segment);
    const findings = [
      finding('segment-public-api-token', segment),
      finding('sourcegraph-access-token', makeSourcegraphToken()),
      finding('segment-credential-assignment', 'Bc4Df5Gh6Jk7Lm8Np9Qr'),
      finding('segment-public-api-token', segment),
    ];
    await attachVerifications(findings, options());
    expect(findings.map((f) => f.verification?.status)).toEqual([
      'active',
      'unknown',
      'unknown',
      'active',
    ]);
    expect(findings[1].verification?.reason).toMatch(/not sent/);
    expect(findings[2].verification?.reason).toMatch(/not sent/);
    expect(api.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${segment}`,
    ]);
  });
});

describe('parseVerifyOptions', () => {
  test('defaults: Segment Public API, 5 s', async () => {
    const parsed = await parseVerifyOptions({});
    expect(parsed.apiUrl.href).toBe('https://api.segmentapis.com/');
    expect(parsed.timeoutMs).toBe(DEFAULT_TIMEOUT_MS);
    expect(DEFAULT_TIMEOUT_MS).toBeLessThanOrEqual(10000);
  });

  test.each(['0', '-1', '1.5', 'abc', '', '60001', '1e9'])(
    '--timeout %j is refused',
    async (timeout) => {
      await expect(parseVerifyOptions({ timeout })).rejects.toMatchObject({
        kind: 'bad-arguments',
      });
    },
  );

  test('a bad --api-url is refused before anything else', async () => {
    await expect(parseVerifyOptions({ apiUrl: 'http://example.com' })).rejects.toMatchObject({
      kind: 'bad-arguments',
    });
  });
});

describe('the verify command output', () => {
  test.each([
    [{ status: 'active', reason: 'accepted by h (HTTP 200)' } as const, 1],
    [{ status: 'invalid', reason: 'rejected by h (HTTP 401)' } as const, 0],
    [{ status: 'unknown', reason: 'timed out after 5 ms' } as const, 2],
  ])('%j exits %i', (verification, code) => {
    expect(exitCodeFor(verification)).toBe(code);
    expect(JSON.parse(formatVerification(verification, 'json'))).toEqual(verification);
    const text = formatVerification(verification, 'text');
    expect(text).toMatch(new RegExp(`^${verification.status}: `));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.includes('revoke')).toBe(verification.status === 'active');
  });
});
