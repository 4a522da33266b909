#!/usr/bin/env node
/** Entry point of the `seg-hook` binary: the only place that touches process exit. */
import { ExitCode } from './exitCodes';
import { messages } from '../report/messages';
import { redactTokensInText } from '../report/redact';
import { blockedBy } from './invocation';
import { isStagedHookRun, runStagedHook } from './stagedHook';

const argv = process.argv.slice(2);
const blocked = blockedBy(argv, process.env);

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`${messages.cannotScan(`interrupted by ${signal}`, blocked)}\n`);
    process.exit(ExitCode.CANNOT_SCAN);
  });
}

/** A bug of ours fails closed too: one redacted line and exit 2, not a stack trace and exit 1. */
function reportInternalError(error: unknown): void {
  process.stderr.write(`${redactTokensInText(messages.internalError(String(error), blocked))}\n`);
}

process.on('unhandledRejection', (error: unknown) => {
  reportInternalError(error);
  process.exit(ExitCode.CANNOT_SCAN);
});

// The hook's invocation skips commander; everything else loads the full CLI (a second bundle).
const run = isStagedHookRun(argv)
  ? runStagedHook()
  : import('./program').then(({ runCli }) => runCli(argv));

run.then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    reportInternalError(error);
    process.exitCode = ExitCode.CANNOT_SCAN;
  },
);
