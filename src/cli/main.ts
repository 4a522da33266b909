#!/usr/bin/env node
/** Entry point of the `seg-hook` binary: the only place that touches process exit. */
import { ExitCode } from './exitCodes';
import { messages } from '../report/messages';
import { runCli } from './program';

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    process.stderr.write(`${messages.cannotScan(`interrupted by ${signal}`)}\n`);
    process.exit(ExitCode.CANNOT_SCAN);
  });
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${messages.internalError(String(error))}\n`);
    process.exitCode = ExitCode.CANNOT_SCAN;
  },
);
