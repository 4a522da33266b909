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
import { runningCommand } from './invocation';
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
  const token = tokenFromInput(await readStdin(MAX_INPUT_BYTES, messages.verifyNotAToken));
  // The input must be exactly one token as the rules see it (not a token inside other text).
  const candidates = findTokenCandidates(token);
  const [candidate] = candidates;
  if (candidates.length !== 1 || candidate.start !== 0 || candidate.end !== token.length) {
    throw new ScanError('bad-arguments', messages.verifyNotAToken);
  }
  // sgp_xxxxxxxxxxxxxxxx and the like: asking the API about it tells nothing.
  if (candidate.placeholder) throw new ScanError('bad-arguments', messages.verifyPlaceholder);
  // A Sourcegraph token has the same prefix: it is never sent to Segment.
  if (candidate.ruleId !== 'segment-public-api-token') {
    throw new ScanError('bad-arguments', messages.verifySourcegraphToken);
  }
  const { verifyToken } = await import('../verify/verifyToken');
  const verification = await verifyToken(token, verifyOptions);
  const command = runningCommand(process.argv[1] ?? 'seg-hook', process.cwd(), process.env);
  output.out(formatVerification(verification, options.format, command));
  return exitCodeFor(verification);
}

/**
 * The token from what was pasted: the token alone, or a line from a .env file or a shell
 * (`SEGMENT_TOKEN=sgp_…`, `export NAME="sgp_…"`, `NAME: sgp_…`), surrounding quotes removed.
 */
export function tokenFromInput(input: string): string {
  const value = input
    .trim()
    .replace(/^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*[=:]\s*/, '')
    .replace(/;$/, '');
  const quoted = /^(["'])(.*)\1$/s.exec(value);
  return quoted ? quoted[2] : value;
}

export function formatVerification(
  verification: Verification,
  format: 'text' | 'json',
  command = 'seg-hook',
): string {
  if (format === 'json') return `${JSON.stringify(verification)}\n`;
  const advice = verification.status === 'active' ? ` — revoke it now: ${command} explain` : '';
  return `${verification.status}: ${verification.reason}${advice}\n`;
}

export function exitCodeFor(verification: Verification): number {
  if (verification.status === 'active') return ExitCode.FOUND;
  if (verification.status === 'invalid') return ExitCode.CLEAN;
  return ExitCode.CANNOT_SCAN;
}
