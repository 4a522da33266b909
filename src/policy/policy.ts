/**
 * The policy a scan runs with: the configuration and the baseline. The staged hook reads them
 * from the work tree (the committer's own); a range or push scan reads them from the side it
 * trusts (the base of the range, the remote's side of a push), so a change cannot switch off
 * its own scan.
 */
import { BASELINE_FILE, BaselineIndex, EMPTY_BASELINE } from '../baseline/baseline';
import { parseBaseline } from '../baseline/baselineFile';
import { SegHookConfig } from '../config/config';
import { CONFIG_FILE, configFromFiles } from '../config/loadConfig';
import { readTopLevelFiles } from '../git/commitFiles';

export interface Policy {
  config: SegHookConfig;
  baseline: BaselineIndex;
  /** The top-level file the configuration came from, if any (for reports). */
  configFile: string | null;
}

const PACKAGE_FILE = 'package.json';
export const POLICY_FILES = [CONFIG_FILE, PACKAGE_FILE, BASELINE_FILE] as const;

export interface PolicySources {
  /** An explicit --config / --baseline given by whoever runs the scan: used as given. */
  config?: SegHookConfig;
  baseline?: BaselineIndex;
}

/** The policy recorded in `commit` (its top-level policy files), or the explicit overrides. */
export async function readPolicyAt(
  cwd: string,
  commit: string,
  env: NodeJS.ProcessEnv,
  explicit: PolicySources = {},
): Promise<Policy> {
  const files = await readTopLevelFiles(cwd, commit, POLICY_FILES, env);
  const at = (name: string) => `${name} at ${commit.slice(0, 12)}`;
  const text = (name: string) => {
    const content = files.get(name);
    return content === undefined ? null : { text: content, source: at(name) };
  };
  const config = explicit.config ?? (await configFromFiles(text(CONFIG_FILE), text(PACKAGE_FILE)));
  const baselineText = files.get(BASELINE_FILE);
  const baseline =
    explicit.baseline ??
    (baselineText === undefined
      ? EMPTY_BASELINE
      : await parseBaseline(baselineText, at(BASELINE_FILE)));
  const configFile = explicit.config
    ? null
    : files.has(CONFIG_FILE)
      ? CONFIG_FILE
      : config.source
        ? PACKAGE_FILE
        : null;
  return { config, baseline, configFile };
}
