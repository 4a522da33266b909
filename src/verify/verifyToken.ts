/**
 * Asks Segment's Public API whether a token works: one GET of the API root ("Get Workspace")
 * with `Authorization: Bearer <token>`. Runs only when the user asked for it (`--verify`,
 * `seg-hook verify`). The response body is discarded unread: it may describe the workspace.
 */
import { Verification } from '../types';
import { classifyError, classifyStatus } from './classify';

export const DEFAULT_TIMEOUT_MS = 5000;

export interface VerifyOptions {
  apiUrl: URL;
  timeoutMs: number;
}

export async function verifyToken(token: string, options: VerifyOptions): Promise<Verification> {
  const target = new URL(
    options.apiUrl.href.endsWith('/') ? options.apiUrl.href : `${options.apiUrl.href}/`,
  );
  try {
    const response = await fetch(target, {
      method: 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        'User-Agent': 'seg-hook',
      },
      // Never forward the token to wherever a redirect points.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    return classifyStatus(response.status, target.host);
  } catch (error) {
    return classifyError(error, options.timeoutMs);
  }
}

/** Verifies each distinct token once, a few at a time. */
export async function verifyTokens(
  tokens: string[],
  options: VerifyOptions,
): Promise<Map<string, Verification>> {
  const distinct = [...new Set(tokens)];
  const results = new Map<string, Verification>();
  const CONCURRENCY = 4;
  for (let i = 0; i < distinct.length; i += CONCURRENCY) {
    const batch = distinct.slice(i, i + CONCURRENCY);
    const verdicts = await Promise.all(batch.map((token) => verifyToken(token, options)));
    batch.forEach((token, index) => results.set(token, verdicts[index]));
  }
  return results;
}
