/** Shared plain-data types that flow through the pipeline: git → diff → detect → config → report. */

import type { Encoding } from './decode/codec';
import type { DecodeBound } from './decode/stage';

/** Rule identifiers, as they appear in JSON/SARIF output. */
export type RuleId =
  'segment-public-api-token' | 'sourcegraph-access-token' | 'segment-credential-assignment';

/** A commit, as range, pre-push and history scans report it. */
export interface CommitInfo {
  id: string;
  /** Author date, ISO 8601. */
  date: string;
  author: string;
}

/** Result of asking Segment's API whether a token works (`--verify` only). */
export interface Verification {
  status: 'active' | 'invalid' | 'unknown';
  /** Why the status is what it is (never the response body). */
  reason: string;
}

/**
 * Something worth saying that is not a token: a risky file being committed, or a line the
 * decoding stage could not read to the end of its bounds (the rest was scanned as plain text).
 */
export type Notice =
  | { kind: 'risky-file'; file: string }
  | { kind: 'decode-bound'; file: string; line: number; bound: DecodeBound };

/** One token found on an added line. Positions are 1-based; columns count UTF-16 code units. */
export interface Finding {
  ruleId: RuleId;
  /** Repo-root-relative path with `/` separators, the exact bytes of the name decoded as UTF-8. */
  file: string;
  line: number;
  column: number;
  /** Column just past the last character of the token (exclusive end, 1-based). */
  endColumn: number;
  /** The full token. Only the report layer sees it, and it redacts it unless told otherwise. */
  token: string;
  /**
   * A token written under encodings: their chain, outermost first. `column`/`endColumn` then
   * span the encoded form (in a UTF-16 file: columns of the line read as UTF-16).
   */
  encoding?: Encoding[];
  /** Whether this finding blocks the commit (a configured 'warn' rule does not). */
  blocking: boolean;
  /** Present only after `--verify`. */
  verification?: Verification;
  /** Range, pre-push and history scans: the commit that added the line. */
  commit?: CommitInfo;
  /**
   * Range and push scans: the policy change made by the range itself that would have hidden
   * this finding (it is reported anyway, under the policy of the trusted side).
   */
  hiddenBy?: PolicyChangeKind;
}

/** What a range can change in its own scan's policy. */
export type PolicyChangeKind = 'config' | 'baseline' | 'allow-marker';

/** A change a range (or push) makes to the policy it would be scanned with. */
export interface PolicyChange {
  kind: PolicyChangeKind;
  /** The configuration or baseline file, or the file where the marker was added. */
  file: string;
  /** Allow markers: the line and the commit that added it. */
  line?: number;
  commit?: CommitInfo;
  /** What changed, in words ("ignorePaths: [] -> [\"**\"]"). */
  detail: string;
  /** How many findings of the range this change would hide. */
  hides: number;
  /** Whether it blocks: it hides a finding and the trusted policy says policyChanges: block. */
  blocking: boolean;
}

/** Counts that explain what the scan looked at and what it chose not to report. */
export interface ScanSummary {
  filesScanned: number;
  linesScanned: number;
  /** Token-shaped strings dismissed as placeholders (low entropy). */
  placeholdersIgnored: number;
  /** Findings suppressed by an inline `seg-hook:allow` marker. */
  allowedInline: number;
  /** Files skipped because they match `ignorePaths`. */
  filesIgnored: number;
  /** Range, pre-push and history scans: commits read. */
  commitsScanned?: number;
  /** Findings left out because their fingerprint is in the baseline. */
  suppressedByBaseline?: number;
}

export interface ScanResult {
  findings: Finding[];
  notices: Notice[];
  summary: ScanSummary;
  /** Range and push scans: where the policy came from and what the range changes in it. */
  policy?: PolicyReport;
}

export interface PolicyReport {
  /** The trusted commit the policy was read from, or null: the work tree's (no trusted side). */
  trustedCommit: string | null;
  changes: PolicyChange[];
}
