/** `--config` / `--baseline` given on the command line: chosen by whoever runs the scan. */
import { loadBaseline } from '../baseline/baselineFile';
import { EMPTY_BASELINE } from '../baseline/baseline';
import { loadConfig } from '../config/loadConfig';
import type { RepositoryOptions } from '../scan/repositoryScan';
import { PolicySources } from './policy';

export async function readExplicitPolicy(
  root: string,
  options: RepositoryOptions,
): Promise<PolicySources> {
  const sources: PolicySources = {};
  if (options.configPath) sources.config = await loadConfig(root, options.configPath);
  if (options.ignoreBaseline) sources.baseline = EMPTY_BASELINE;
  else if (options.baselinePath) sources.baseline = await loadBaseline(root, options.baselinePath);
  return sources;
}
