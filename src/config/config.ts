import type { Encoding } from '../decode/codec';

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
  /**
   * What a range or push scan does with a finding that the range's own policy change (its
   * config, baseline, or a new seg-hook:allow marker) would hide: keep it blocking, or warn.
   */
  policyChanges: 'block' | 'warn';
  /** The encodings decoded (all by default). */
  decode: Record<Encoding, boolean>;
  /** Where the configuration came from (a file path, or null for the defaults). */
  source: string | null;
}

export const DEFAULT_CONFIG: SegHookConfig = {
  ignorePaths: [],
  sourcegraphTokens: 'block',
  credentialAssignments: 'block',
  riskyFileWarnings: true,
  enabled: true,
  policyChanges: 'block',
  decode: {
    percent: true,
    escape: true,
    hex: true,
    base64: true,
    utf16: true,
    quotedPrintable: true,
  },
  source: null,
};
