/**
 * `seg-hook verify`: reads one token from standard input (never from argv, which other users
 * can read in `ps`) and asks Segment's API whether it works.
 * Exit codes: 1 active, 0 invalid, 2 unknown or bad input.
 */
import { ScanError } from '../errors';
import { messages } from '../report/messages';
import { Verification } from '../types';
import { ExitCode } from './exitCodes';
import { Output } from './output';
import { parseVerifyOptions, VerifyFlags } from './verifyOptions';

const MAX_INPUT_BYTES = 64 * 1024;
const SEGMENT_TOKEN = /^sgp_[A-Za-z0-9]{16,}$/;

export interface VerifyCommandOptions extends VerifyFlags {
  format: 'text' | 'json';
}

export async function runVerifyCommand(
  options: VerifyCommandOptions,
  output: Output,
): Promise<number> {
  const verifyOptions = await parseVerifyOptions(options);
  if (process.stdin.isTTY) throw new ScanError('bad-arguments', messages.verifyUsage);
  const token = (await readStdin()).trim();
  if (!SEGMENT_TOKEN.test(token)) throw new ScanError('bad-arguments', messages.verifyNotAToken);
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) throw new ScanError('bad-arguments', messages.verifyNotAToken);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
