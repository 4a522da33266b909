/**
 * The hook's own invocation, `seg-hook --staged` (or bare `seg-hook`), without commander.
 *
 * This runs on every commit, so it is the one path whose start-up is measured in
 * milliseconds: parsing two fixed argument lists by hand skips building the whole command
 * tree, and the bundle of this entry holds only the staged scan and the text report (see
 * scripts/bundle.js). Any other argument list goes through the full CLI (program.ts). The
 * result is the same either way; test/integration/hookFastPath.test.ts compares the two.
 */
import { reportFailure } from './failure';
import { stagedBlocked } from './invocation';
import { createOutput } from './output';
import { packageVersion } from './packageVersion';
import { runStagedScan, runWithReport, ScanCommandOptions } from './scanRun';

/** True for exactly the argument lists the installed hooks pass. */
export function isStagedHookRun(argv: string[]): boolean {
  return argv.length === 0 || (argv.length === 1 && argv[0] === '--staged');
}

export async function runStagedHook(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const output = createOutput(true, env);
  const options: ScanCommandOptions = { format: 'text', redact: true, paths: [], staged: true };
  const context = { output, env, version: packageVersion };
  try {
    return await runWithReport('staged', options, context, () => runStagedScan(options, context));
  } catch (error) {
    return reportFailure(error, output, env, stagedBlocked(env));
  }
}
