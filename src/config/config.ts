/** The resolved configuration every scan runs with. */
export type RulePolicy = 'block' | 'warn' | 'off';

export interface SegHookConfig {
  ignorePaths: string[];
  sourcegraphTokens: RulePolicy;
  /** Where the configuration came from (a file path, or null for the defaults). */
  source: string | null;
}

export const DEFAULT_CONFIG: SegHookConfig = {
  ignorePaths: [],
  sourcegraphTokens: 'block',
  source: null,
};
