/**
 * `printf '%s' "$TOKEN" | seg-hook verify`: the built CLI against a local fake of Segment's
 * Public API. Checks the classification and exit code for each answer, exactly what goes over
 * the wire, and that neither the token nor the response body ever reaches the output.
 */
import {
  BODY_MARKER,
  closedPortUrl,
  FakeSegmentApi,
  RecordedRequest,
  runCliAsync,
} from '../helpers/fakeSegmentApi';
import { spawnSync } from 'node:child_process';
import { CLI, isolatedEnv, RunResult } from '../helpers/gitRepo';
import { testNeeding } from '../helpers/systemTools';
import { makeSourcegraphToken, makeToken, PREFIX } from '../helpers/tokens';

/** Headers Node's fetch sends on its own, plus ours; anything else would need a review. */
const EXPECTED_HEADER_NAMES = new Set([
  'host',
  'connection',
  'authorization',
  'accept',
  'user-agent',
  'accept-language',
  'sec-fetch-mode',
  'accept-encoding',
]);

let api: FakeSegmentApi;
beforeAll(async () => {
  api = await FakeSegmentApi.start({ slowMs: 5000 });
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

/** Runs `seg-hook verify` with `token` on stdin; asserts the token never reaches the output. */
async function verify(token: string, args: string[] = []): Promise<RunResult> {
  const result = await runCliAsync(['verify', ...args], { input: token });
  expectNoLeak(result, token);
  return result;
}

function expectNoLeak(result: RunResult, token: string): void {
  const output = result.stdout + result.stderr;
  expect(output).not.toContain(BODY_MARKER);
  const secret = token.trim();
  if (secret.length < 8) return; // empty or trivial input: nothing worth protecting
  expect(output.includes(secret)).toBe(false);
  if (secret.startsWith(PREFIX)) expect(output).not.toContain(secret.slice(PREFIX.length));
}

/** Exactly one GET, with the token in the Authorization header and nowhere else. */
function expectSingleBearerRequest(token: string, path = '/'): RecordedRequest {
  expect(api.requests).toHaveLength(1);
  const [request] = api.requests;
  expect(request.method).toBe('GET');
  expect(request.url).toBe(path);
  expect(request.bodyBytes).toBe(0);
  expect(request.headers.authorization).toBe(`Bearer ${token}`);
  expect(request.headers.cookie).toBeUndefined();
  expect(request.headers['proxy-authorization']).toBeUndefined();
  expect(Object.keys(request.headers).filter((name) => !EXPECTED_HEADER_NAMES.has(name))).toEqual(
    [],
  );
  // The token appears once in everything received: the Authorization value.
  const everything = [request.url, ...request.rawHeaders].join('\n');
  expect(everything.split(token).length - 1).toBe(1);
  expect(request.url).not.toContain(token.slice(PREFIX.length, PREFIX.length + 8));
  return request;
}

describe('classification of each answer', () => {
  test('200 for a known token: active, exit 1, revoke advice', async () => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(token, ['--api-url', api.url()]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^active: accepted by 127\.0\.0\.1:\d+ \(HTTP 200\)/);
    expect(result.stdout).toContain('revoke it now');
    expect(result.stderr).toBe('');
    expectSingleBearerRequest(token);
  });

  test('401 for an unknown token: invalid, exit 0', async () => {
    const token = makeToken();
    const result = await verify(token, ['--api-url', api.url()]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^invalid: rejected by 127\.0\.0\.1:\d+ \(HTTP 401\)\n$/);
    expectSingleBearerRequest(token);
  });

  test('403: invalid, exit 0', async () => {
    const token = makeToken();
    api.forbid(token);
    const result = await verify(token, ['--api-url', api.url(), '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'invalid',
      reason: expect.stringContaining('HTTP 403'),
    });
    expectSingleBearerRequest(token);
  });

  test('429: unknown because rate limited, exit 2', async () => {
    const token = makeToken();
    api.activate(token); // even a live token is not called active without a 2xx
    const result = await verify(token, ['--api-url', api.url('/status/429'), '--format', 'json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'unknown',
      reason: expect.stringMatching(/rate limited .*HTTP 429/),
    });
    expectSingleBearerRequest(token, '/status/429/');
  });

  test('500: unknown with the status, exit 2', async () => {
    const token = makeToken();
    const result = await verify(token, ['--api-url', api.url('/status/500')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^unknown: unexpected answer from .*\(HTTP 500\)\n$/);
    expectSingleBearerRequest(token, '/status/500/');
  });

  test('a redirect is not followed: one request only, unknown, exit 2', async () => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(token, ['--api-url', api.url('/redirect'), '--format', 'json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'unknown',
      reason: expect.stringMatching(/redirect.*302.*not followed/),
    });
    // Give a (wrongly) followed redirect time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expectSingleBearerRequest(token, '/redirect/');
    expect(api.requests.some((request) => request.url.startsWith('/captured'))).toBe(false);
  });

  test('no answer within --timeout: unknown because timed out, exit 2', async () => {
    const token = makeToken();
    // The API never answers; 2 s leave a loaded machine time to deliver the request.
    const result = await verify(token, [
      '--api-url',
      api.url('/hang'),
      '--timeout',
      '2000',
      '--format',
      'json',
    ]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'unknown',
      reason: 'timed out after 2000 ms',
    });
    expectSingleBearerRequest(token, '/hang/');
  });

  test('nothing listening: unknown because of a network error, exit 2', async () => {
    const token = makeToken();
    const result = await verify(token, ['--api-url', await closedPortUrl(), '--format', 'json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'unknown',
      reason: 'network error (ECONNREFUSED)',
    });
  });

  test('an --api-url with a path keeps it and adds the trailing slash', async () => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(token, ['--api-url', `${api.url()}/v1`]);
    expect(result.status).toBe(1);
    expectSingleBearerRequest(token, '/v1/');
  });

  test('surrounding whitespace and a trailing newline on stdin are accepted', async () => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(`  ${token}\r\n`, ['--api-url', api.url()]);
    expectNoLeak(result, token);
    expect(result.status).toBe(1);
    expectSingleBearerRequest(token);
  });

  test('the JSON answer has exactly status and reason', async () => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(token, ['--api-url', api.url(), '--format', 'json']);
    const answer = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(answer).sort()).toEqual(['reason', 'status']);
    expect(answer.status).toBe('active');
  });
});

describe('bad input: one line, exit 2, nothing sent', () => {
  const cases: Array<[string, () => string]> = [
    ['empty stdin', () => ''],
    ['only whitespace', () => ' \n\t\n'],
    ['not a token', () => 'hello world, this is not a token'],
    ['a token without the prefix', () => makeToken().slice(PREFIX.length)],
    ['a too-short token', () => makeToken(12)],
    ['two tokens', () => `${makeToken()}\n${makeToken()}`],
    ['a token inside other text', () => `the key is ${makeToken()} (staging)`],
    ['a Sourcegraph token (hex40)', () => makeSourcegraphToken('hex40')],
    ['a Sourcegraph token (id)', () => makeSourcegraphToken('id')],
    ['a Sourcegraph token (local)', () => makeSourcegraphToken('local')],
  ];
  test.each(cases)('%s', async (_name, input) => {
    const token = input();
    const result = await verify(token, ['--api-url', api.url()]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^seg-hook: .*standard input/);
    expect(api.requests).toHaveLength(0);
  });

  test('a Sourcegraph token is named as such', async () => {
    const result = await verify(makeSourcegraphToken('hex40'), ['--api-url', api.url()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Sourcegraph');
    expect(api.requests).toHaveLength(0);
  });

  // A terminal on stdin means nobody piped a token: say how, do not wait for typing.
  testNeeding('script')('a terminal on stdin prints the usage line', () => {
    const command = [process.execPath, CLI, 'verify', '--api-url', api.url()]
      .map((word) => `'${word}'`)
      .join(' ');
    const result = spawnSync('script', ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: isolatedEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/seg-hook: pipe the token on standard input/);
    expect(api.requests).toHaveLength(0);
  });

  test('stdin larger than 64 KiB is refused without sending', async () => {
    const result = await verify(`${makeToken()}${' '.repeat(70 * 1024)}`, ['--api-url', api.url()]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(api.requests).toHaveLength(0);
  });

  test('a token given as an argument is refused and not sent', async () => {
    const token = makeToken();
    const result = await runCliAsync(['verify', token, '--api-url', api.url()], { input: '' });
    expectNoLeak(result, token);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(api.requests).toHaveLength(0);
  });

  const badUrls: Array<[string, string]> = [
    ['plain http to a non-loopback host', 'http://api.segmentapis.com'],
    ['plain http to a host that only starts with 127.', 'http://127.evil.example'],
    ['credentials in the URL', 'https://user:pass@api.segmentapis.com'],
    ['a user name alone in the URL', 'https://user@api.segmentapis.com'],
    ['a query string', 'https://api.segmentapis.com/?x=1'],
    ['a fragment', 'https://api.segmentapis.com/#x'],
    ['garbage', 'not a url'],
    ['another scheme', 'ftp://api.segmentapis.com'],
    ['file scheme', 'file:///etc/passwd'],
  ];
  test.each(badUrls)('--api-url with %s', async (_name, url) => {
    const token = makeToken();
    const result = await verify(token, ['--api-url', url]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^seg-hook: --api-url /);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toContain('pass@');
  });

  test.each(['0', '-5', 'abc', '1.5', '60001'])('--timeout %s', async (timeout) => {
    const token = makeToken();
    const result = await verify(token, ['--api-url', api.url(), '--timeout', timeout]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('--timeout');
    expect(api.requests).toHaveLength(0);
  });

  test('an unknown --format is refused', async () => {
    const result = await verify(makeToken(), ['--api-url', api.url(), '--format', 'sarif']);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(api.requests).toHaveLength(0);
  });
});

describe('loopback hosts allowed over plain http', () => {
  test.each(['localhost', '127.0.0.1'])('%s', async (host) => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(token, ['--api-url', `http://${host}:${api.port}`]);
    // "localhost" may resolve to ::1 first where nothing listens: accepted either way, never a URL error.
    expect(result.stderr).not.toContain('--api-url');
    if (host === '127.0.0.1') {
      expect(result.status).toBe(1);
      expectSingleBearerRequest(token);
    } else {
      expect([1, 2]).toContain(result.status);
    }
  });
});

describe('what a newcomer pastes', () => {
  test('a placeholder (sgp_xxxx…) is never sent: exit 2, one line that says why', async () => {
    const placeholder = `${PREFIX}${'x'.repeat(20)}`;
    const result = await verify(placeholder, ['--api-url', api.url()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('standard input holds a placeholder');
    expect(result.stderr).toContain('it was not sent');
    expect(api.requests).toHaveLength(0);
  });

  test.each([
    ['NAME=token', (token: string) => `SEGMENT_API_TOKEN=${token}\n`],
    ['export NAME="token"', (token: string) => `export SEGMENT_TOKEN="${token}"\n`],
    ["NAME: 'token'", (token: string) => `SEGMENT_KEY: '${token}'`],
  ])('a pasted %s line: the token alone is sent', async (_form, line) => {
    const token = makeToken();
    api.activate(token);
    const result = await verify(line(token), ['--api-url', api.url()]);
    expect(result.status).toBe(1);
    expectSingleBearerRequest(token);
  });

  test('the printed reason has the form the README shows: "<status>: <reason>"', async () => {
    const result = await verify(makeToken(), ['--api-url', api.url()]);
    expect(result.stdout).toMatch(/^invalid: rejected by 127\.0\.0\.1:\d+ \(HTTP 401\)\n$/);
  });
});
