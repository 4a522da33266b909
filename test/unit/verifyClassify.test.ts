/** What an HTTP answer (or failure) means for a token: active, invalid or unknown, and why. */
import { classifyError, classifyStatus } from '../../src/verify/classify';

const HOST = 'api.segmentapis.com';

describe('classifyStatus', () => {
  test.each([
    [200, 'active', 'accepted by api.segmentapis.com (HTTP 200)'],
    [204, 'active', 'accepted by api.segmentapis.com (HTTP 204)'],
    [401, 'invalid', 'rejected by api.segmentapis.com (HTTP 401)'],
    [403, 'invalid', 'rejected by api.segmentapis.com (HTTP 403)'],
    [429, 'unknown', 'rate limited by api.segmentapis.com (HTTP 429)'],
    [301, 'unknown', 'redirected by api.segmentapis.com (HTTP 301); not followed'],
    [302, 'unknown', 'redirected by api.segmentapis.com (HTTP 302); not followed'],
    [307, 'unknown', 'redirected by api.segmentapis.com (HTTP 307); not followed'],
    [404, 'unknown', 'unexpected answer from api.segmentapis.com (HTTP 404)'],
    [500, 'unknown', 'unexpected answer from api.segmentapis.com (HTTP 500)'],
    [503, 'unknown', 'unexpected answer from api.segmentapis.com (HTTP 503)'],
  ])('HTTP %i is %s', (status, expected, reason) => {
    expect(classifyStatus(status, HOST)).toEqual({ status: expected, reason });
  });
});

describe('classifyError', () => {
  test('a timeout says so, with the limit', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyError(timeout, 1234)).toEqual({
      status: 'unknown',
      reason: 'timed out after 1234 ms',
    });
  });

  test('an abort counts as a timeout', () => {
    expect(classifyError(new DOMException('aborted', 'AbortError'), 50).reason).toBe(
      'timed out after 50 ms',
    );
  });

  test.each(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'CERT_HAS_EXPIRED'])(
    'a network error names its code (%s)',
    (code) => {
      const error = new TypeError('fetch failed', { cause: Object.assign(new Error(), { code }) });
      expect(classifyError(error, 5000)).toEqual({
        status: 'unknown',
        reason: `network error (${code})`,
      });
    },
  );

  test('a network error without a code', () => {
    expect(classifyError(new TypeError('fetch failed'), 5000)).toEqual({
      status: 'unknown',
      reason: 'network error',
    });
  });

  test('the error message (which may echo a URL or a header) is not repeated', () => {
    const error = new TypeError('fetch failed: Bearer something-secret');
    expect(classifyError(error, 5000).reason).not.toContain('something-secret');
  });
});
