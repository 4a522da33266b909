/** The resolved configuration every scan runs with. */
export type RulePolicy = 'block' | 'warn' | 'off';

export interface SegHookConfig {
  ignorePaths: string[];
  sourcegraphTokens: RulePolicy;
  credentialAssignments: RulePolicy;
  riskyFileWarnings: boolean;
  /**
   * false: the commit and push hooks (`--staged`, `pre-push`) pass this repository without
   * scanning, one line said (the opt-out from `install --global`). Explicit scans still run.
   */
  enabled: boolean;
  /** Where the configuration came from (a file path, or null for the defaults). */
  source: string | null;
}

export const DEFAULT_CONFIG: SegHookConfig = {
  ignorePaths: [],
  sourcegraphTokens: 'block',
  credentialAssignments: 'block',
  riskyFileWarnings: true,
  enabled: true,
  source: null,
};
