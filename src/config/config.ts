/** The resolved configuration every scan runs with. */
export type RulePolicy = 'block' | 'warn' | 'off';

export interface SegHookConfig {
  ignorePaths: string[];
  sourcegraphTokens: RulePolicy;
  credentialAssignments: RulePolicy;
  riskyFileWarnings: boolean;
  /** Where the configuration came from (a file path, or null for the defaults). */
  source: string | null;
}

export const DEFAULT_CONFIG: SegHookConfig = {
  ignorePaths: [],
  sourcegraphTokens: 'block',
  credentialAssignments: 'block',
  riskyFileWarnings: true,
  source: null,
};
