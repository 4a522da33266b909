/** `seg-hook baseline`: record today's findings so later scans report only new ones. */
import path from 'node:path';
import { buildBaseline } from '../baseline/baseline';
import { writeBaseline } from '../baseline/baselineFile';
import { messages } from '../report/messages';
import { scanHistory, scanTrackedTree } from '../scan/scanCommits';
import { ExitCode } from './exitCodes';
import type { ScanContext } from './scanRun';

export interface BaselineCommandOptions {
  history?: boolean;
  output: string;
  config?: string;
}

export async function runBaselineCommand(
  options: BaselineCommandOptions,
  { output, env }: ScanContext,
): Promise<number> {
  const repositoryOptions = { configPath: options.config, env, ignoreBaseline: true };
  const result = options.history
    ? await scanHistory(repositoryOptions)
    : await scanTrackedTree(repositoryOptions);
  const baseline = buildBaseline(result.findings);
  // A relative --output is relative to the repository root, where scans look for it.
  const file = path.resolve(result.root, options.output);
  writeBaseline(file, baseline);
  output.err(
    `${messages.baselineWritten(path.relative(process.cwd(), file) || file, baseline.entries.length)}\n`,
  );
  return ExitCode.CLEAN;
}
