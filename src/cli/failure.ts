/** Any failure of a command becomes one line on stderr and exit code 2 (fail closed). */
import { isScanError } from '../errors';
import { Blocked, messages } from '../report/messages';
import { installMessages } from '../install/installMessages';
import { ExitCode } from './exitCodes';
import { Output } from './output';

export function reportFailure(
  error: unknown,
  output: Output,
  env: NodeJS.ProcessEnv,
  blocked: Blocked,
): number {
  if (isScanError(error)) {
    const line =
      error.kind === 'bad-arguments'
        ? messages.badArguments(error.message)
        : error.kind === 'install-failed'
          ? installMessages.failed(error.message)
          : messages.cannotScan(error.message, blocked);
    output.err(`${line}\n`);
    return ExitCode.CANNOT_SCAN;
  }
  // A bug of ours: still one line and a blocked commit, the stack only on request.
  const detail = error instanceof Error ? error.message : String(error);
  output.err(`${messages.internalError(detail, blocked)}\n`);
  if (env.SEG_HOOK_DEBUG && error instanceof Error && error.stack) output.err(`${error.stack}\n`);
  return ExitCode.CANNOT_SCAN;
}
