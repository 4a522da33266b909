import type { Encoding } from '../decode/codec';
import type { RuleId } from '../types';

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

/** What the configuration does with a rule's findings (the Segment token rule always blocks). */
export function policyFor(ruleId: RuleId, config: SegHookConfig): RulePolicy {
  switch (ruleId) {
    case 'sourcegraph-access-token':
      return config.sourcegraphTokens;
    case 'segment-credential-assignment':
      return config.credentialAssignments;
    default:
      return 'block';
  }
}
