/**
 * The baseline: findings a team has accepted (already revoked tokens in history, test
 * fixtures), recorded as fingerprints so later scans stay quiet about them.
 *
 * The file holds no tokens and no line numbers, and is sorted with no timestamps, so
 * regenerating it gives the same bytes and unrelated edits never churn it.
 */
import { fingerprintToken } from '../report/fingerprint';
import { Finding, RuleId, ScanResult } from '../types';

export const BASELINE_FILE = '.seg-hook-baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: RuleId;
  /** Where the token was seen when the baseline was made (information for reviewers). */
  files: string[];
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

export function buildBaseline(findings: Finding[]): Baseline {
  const byFingerprint = new Map<string, { ruleId: RuleId; files: Set<string> }>();
  for (const finding of findings) {
    const fingerprint = fingerprintToken(finding.ruleId, finding.token);
    const entry = byFingerprint.get(fingerprint) ?? {
      ruleId: finding.ruleId,
      files: new Set<string>(),
    };
    entry.files.add(finding.file);
    byFingerprint.set(fingerprint, entry);
  }
  const entries = [...byFingerprint.entries()]
    .map(([fingerprint, { ruleId, files }]) => ({
      fingerprint,
      ruleId,
      files: [...files].sort(compare),
    }))
    .sort((a, b) => compare(a.fingerprint, b.fingerprint));
  return { version: 1, entries };
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Leaves out findings whose fingerprint is in the baseline, and counts them. */
export function applyBaseline<T extends ScanResult>(
  result: T,
  fingerprints: ReadonlySet<string>,
): T {
  if (fingerprints.size === 0) return result;
  const kept = result.findings.filter(
    (f) => !fingerprints.has(fingerprintToken(f.ruleId, f.token)),
  );
  return {
    ...result,
    findings: kept,
    summary: { ...result.summary, suppressedByBaseline: result.findings.length - kept.length },
  };
}
