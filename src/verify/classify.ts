/** Maps what the API answered to active / invalid / unknown. Pure. */
import { Verification } from '../types';

export function classifyStatus(status: number, host: string): Verification {
  if (status >= 200 && status < 300)
    return { status: 'active', reason: `accepted by ${host} (HTTP ${status})` };
  if (status === 401 || status === 403)
    return { status: 'invalid', reason: `rejected by ${host} (HTTP ${status})` };
  if (status === 429) return { status: 'unknown', reason: `rate limited by ${host} (HTTP 429)` };
  if (status >= 300 && status < 400)
    return { status: 'unknown', reason: `redirected by ${host} (HTTP ${status}); not followed` };
  return { status: 'unknown', reason: `unexpected answer from ${host} (HTTP ${status})` };
}

export function classifyError(error: unknown, timeoutMs: number): Verification {
  const err = error as { name?: string; cause?: { code?: string }; code?: string };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return { status: 'unknown', reason: `timed out after ${timeoutMs} ms` };
  }
  const code = err?.cause?.code ?? err?.code;
  return { status: 'unknown', reason: `network error${code ? ` (${code})` : ''}` };
}
