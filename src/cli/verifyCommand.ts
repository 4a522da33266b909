/**
 * `seg-hook verify`: reads one token from standard input (never from argv, which other users
 * can read in `ps`) and asks Segment's API whether it works.
 * Exit codes: 1 active, 0 invalid, 2 unknown or bad input.
 */
import { ScanError } from '../errors';
import { findTokenCandidates } from '../detect/tokenRules';
import { messages } from '../report/messages';
import { Verification } from '../types';
import { ExitCode } from './exitCodes';
import { Output } from './output';
import { readStdin } from './stdin';
import { parseVerifyOptions, VerifyFlags } from './verifyOptions';

const MAX_INPUT_BYTES = 64 * 1024;

export interface VerifyCommandOptions extends VerifyFlags {
  format: 'text' | 'json';
}

export async function runVerifyCommand(
  options: VerifyCommandOptions,
  output: Output,
): Promise<number> {
  const verifyOptions = await parseVerifyOptions(options);
  if (process.stdin.isTTY) throw new ScanError('bad-arguments', messages.verifyUsage);
  const token = (await readStdin(MAX_INPUT_BYTES, messages.verifyNotAToken)).trim();
  // The input must be exactly one token as the rules see it (not a token inside other text).
  const candidates = findTokenCandidates(token);
  const [candidate] = candidates;
  if (candidates.length !== 1 || candidate.start !== 0 || candidate.end !== token.length) {
    throw new ScanError('bad-arguments', messages.verifyNotAToken);
  }
  // A Sourcegraph token has the same prefix: it is never sent to Segment.
  if (candidate.ruleId !== 'segment-public-api-token') {
    throw new ScanError('bad-arguments', messages.verifySourcegraphToken);
  }
  const { verifyToken } = await import('../verify/verifyToken');
  const verification = await verifyToken(token, verifyOptions);
  output.out(formatVerification(verification, options.format));
  return exitCodeFor(verification);
}

export function formatVerification(verification: Verification, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(verification)}\n`;
  const advice = verification.status === 'active' ? ' — revoke it now: npx seg-hook explain' : '';
  return `${verification.status}: ${verification.reason}${advice}\n`;
}

export function exitCodeFor(verification: Verification): number {
  if (verification.status === 'active') return ExitCode.FOUND;
  if (verification.status === 'invalid') return ExitCode.CLEAN;
  return ExitCode.CANNOT_SCAN;
}
