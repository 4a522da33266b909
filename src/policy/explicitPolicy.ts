/** `--config` / `--baseline` given on the command line: chosen by whoever runs the scan. */
import { loadBaseline } from '../baseline/baselineFile';
import { EMPTY_BASELINE } from '../baseline/baseline';
import { loadConfig } from '../config/loadConfig';
import { PolicySources } from './policy';

/** The scan options that name a policy (the scan's RepositoryOptions carry them). */
export interface ExplicitPolicyOptions {
  /** An explicit configuration file instead of the one at the repository root. */
  configPath?: string;
  /** An explicit baseline file instead of the root's `.seg-hook-baseline.json`. */
  baselinePath?: string;
  /** Report baselined findings too (used when a baseline is being made). */
  ignoreBaseline?: boolean;
}

export async function readExplicitPolicy(
  root: string,
  options: ExplicitPolicyOptions,
): Promise<PolicySources> {
  const sources: PolicySources = {};
  if (options.configPath) sources.config = await loadConfig(root, options.configPath);
  if (options.ignoreBaseline) sources.baseline = EMPTY_BASELINE;
  else if (options.baselinePath) sources.baseline = await loadBaseline(root, options.baselinePath);
  return sources;
}
