/** `--verify`, `--api-url`, `--timeout`: shared by the scan and the verify commands. */
import { ScanError } from '../errors';
import { messages } from '../report/messages';
import { Finding } from '../types';
import type { VerifyOptions } from '../verify/verifyToken';

export interface VerifyFlags {
  apiUrl?: string;
  timeout?: string;
}

export async function parseVerifyOptions(flags: VerifyFlags): Promise<VerifyOptions> {
  const { DEFAULT_API_URL, parseApiUrl } = await import('../verify/apiUrl');
  const { DEFAULT_TIMEOUT_MS } = await import('../verify/verifyToken');
  const timeoutMs = flags.timeout === undefined ? DEFAULT_TIMEOUT_MS : Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 60000) {
    throw new ScanError(
      'bad-arguments',
      '--timeout takes a whole number of milliseconds from 1 to 60000',
    );
  }
  return { apiUrl: parseApiUrl(flags.apiUrl ?? DEFAULT_API_URL), timeoutMs };
}

/** Verifies Segment Public API tokens; other rules' findings are marked as not sent. */
export async function attachVerifications(
  findings: Finding[],
  options: VerifyOptions,
): Promise<void> {
  const { verifyTokens } = await import('../verify/verifyToken');
  const verifiable = findings.filter((finding) => finding.ruleId === 'segment-public-api-token');
  const verdicts = await verifyTokens(
    verifiable.map((finding) => finding.token),
    options,
  );
  for (const finding of findings) {
    finding.verification = verdicts.get(finding.token) ?? {
      status: 'unknown',
      reason: messages.notVerified,
    };
  }
}
