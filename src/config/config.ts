import type { Encoding } from '../decode/codec';

/** The resolved configuration every scan runs with. */
export type RulePolicy = 'block' | 'warn' | 'off';

export interface SegHookConfig {
  ignorePaths: string[];
  sourcegraphTokens: RulePolicy;
  credentialAssignments: RulePolicy;
  riskyFileWarnings: boolean;
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
  decode: { percent: true, escape: true, hex: true, base64: true, utf16: true },
  source: null,
};
