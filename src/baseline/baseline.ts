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
  /** The files the token was seen in when the baseline was made: it is suppressed only there. */
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

/**
 * Baselined fingerprints, each with the files it was recorded in. A known fixture token pasted
 * into another file is a new exposure, so a fingerprint is suppressed only in its own files.
 */
export type BaselineIndex = ReadonlyMap<string, ReadonlySet<string>>;

export const EMPTY_BASELINE: BaselineIndex = new Map();

export function indexBaseline(entries: ReadonlyArray<{ fingerprint: string; files: string[] }>) {
  const index = new Map<string, Set<string>>();
  for (const entry of entries) {
    const files = index.get(entry.fingerprint) ?? new Set<string>();
    for (const file of entry.files) files.add(file);
    index.set(entry.fingerprint, files);
  }
  return index as BaselineIndex;
}

/** True when the baseline records this finding's token in this finding's file. */
export function isBaselined(baseline: BaselineIndex, finding: Finding): boolean {
  return baseline.get(fingerprintToken(finding.ruleId, finding.token))?.has(finding.file) ?? false;
}

/** Leaves out findings the baseline records (same token, same file), and counts them. */
export function applyBaseline<T extends ScanResult>(result: T, baseline: BaselineIndex): T {
  if (baseline.size === 0) return result;
  const kept = result.findings.filter((f) => !isBaselined(baseline, f));
  return {
    ...result,
    findings: kept,
    summary: { ...result.summary, suppressedByBaseline: result.findings.length - kept.length },
  };
}
