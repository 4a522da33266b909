/**
 * Where verification requests go. The default is Segment's Public API host; `--api-url`
 * overrides it (EU workspaces: https://eu1.api.segmentapis.com; tests: a local server). A
 * token is only ever sent over HTTPS, or over plain HTTP to this machine's loopback address.
 */
import { ScanError } from '../errors';

export const DEFAULT_API_URL = 'https://api.segmentapis.com';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function parseApiUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ScanError('bad-arguments', `--api-url is not a URL: ${JSON.stringify(text)}`);
  }
  // An IPv4 literal in 127/8, not any name that merely starts with "127." (127.evil.example).
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ScanError(
      'bad-arguments',
      '--api-url must use https:// (plain http is allowed only for 127.0.0.1/localhost)',
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ScanError(
      'bad-arguments',
      '--api-url must not carry credentials, a query or a fragment',
    );
  }
  return url;
}
