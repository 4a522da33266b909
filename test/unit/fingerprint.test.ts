import { fingerprintToken } from '../../src/report/fingerprint';
import { makeToken, PREFIX } from '../helpers/tokens';

const RULE = 'segment-public-api-token';

describe('fingerprintToken', () => {
  test('is 32 lower-case hex characters', () => {
    expect(fingerprintToken(RULE, makeToken())).toMatch(/^[0-9a-f]{32}$/);
  });

  test('is stable across calls and releases (baselines depend on it)', () => {
    const token = makeToken();
    expect(fingerprintToken(RULE, token)).toBe(fingerprintToken(RULE, token));
    // Pinned: changing the hashing scheme would invalidate every stored fingerprint.
    expect(fingerprintToken(RULE, 'not-a-token')).toBe('2730a3c5371a9ee4c5066236b28b3712');
  });

  test('differs per token and per rule', () => {
    const tokens = Array.from({ length: 200 }, () => makeToken(32));
    const fingerprints = new Set(tokens.map((token) => fingerprintToken(RULE, token)));
    expect(fingerprints.size).toBe(200);
    const token = tokens[0];
    expect(fingerprintToken('sourcegraph-access-token', token)).not.toBe(
      fingerprintToken(RULE, token),
    );
  });

  test('does not contain the token, its body, or any 6 consecutive body characters', () => {
    for (let i = 0; i < 50; i++) {
      const token = makeToken(64);
      const body = token.slice(PREFIX.length);
      const fingerprint = fingerprintToken(RULE, token);
      expect(fingerprint).not.toContain(token);
      expect(fingerprint).not.toContain(body);
      for (let at = 0; at + 6 <= body.length; at++) {
        expect(fingerprint).not.toContain(body.slice(at, at + 6));
      }
    }
  });
});
