/** `--api-url`: where a token may be sent. HTTPS anywhere; plain HTTP only to this machine. */
import { ScanError } from '../../src/errors';
import { DEFAULT_API_URL, parseApiUrl } from '../../src/verify/apiUrl';

function refusal(text: string): ScanError {
  try {
    parseApiUrl(text);
  } catch (error) {
    return error as ScanError;
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseApiUrl', () => {
  test('the default is Segment Public API over HTTPS', () => {
    expect(parseApiUrl(DEFAULT_API_URL).href).toBe('https://api.segmentapis.com/');
  });

  test.each([
    'https://api.segmentapis.com',
    'https://eu1.api.segmentapis.com/',
    'https://proxy.internal.example:8443/segment',
    'http://127.0.0.1:8080',
    'http://127.1.2.3',
    'http://localhost:3000',
    'http://[::1]:3000',
  ])('accepts %s', (text) => {
    expect(parseApiUrl(text)).toBeInstanceOf(URL);
  });

  test.each([
    ['plain http to a remote host', 'http://api.segmentapis.com'],
    ['plain http to a name starting with 127.', 'http://127.evil.example'],
    ['plain http to a private address', 'http://10.0.0.1'],
    ['plain http to 0.0.0.0', 'http://0.0.0.0:8080'],
    ['credentials', 'https://user:secret@api.segmentapis.com'],
    ['a user name', 'https://user@api.segmentapis.com'],
    ['a query', 'https://api.segmentapis.com/?token=1'],
    ['a fragment', 'https://api.segmentapis.com/#frag'],
    ['another scheme', 'ftp://api.segmentapis.com'],
    ['a file URL', 'file:///etc/passwd'],
    ['no scheme', 'api.segmentapis.com'],
    ['garbage', '::::'],
    ['empty', ''],
  ])('refuses %s with a one-line bad-arguments error', (_name, text) => {
    const error = refusal(text);
    expect(error).toBeInstanceOf(ScanError);
    expect(error.kind).toBe('bad-arguments');
    expect(error.message).toMatch(/^--api-url /);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('secret@');
  });
});
