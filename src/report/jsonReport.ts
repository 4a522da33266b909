/** `--format json`: the stable machine contract (see README, "JSON output"). */
import { ScanResult } from '../types';
import { fingerprintToken } from './fingerprint';
import { firstLastSeen } from './firstLastSeen';
import { redactToken } from './redact';
import { ReportOptions } from './reportOptions';

export function formatJsonReport(
  result: ScanResult,
  options: Pick<ReportOptions, 'redact'>,
): string {
  const findings = result.findings.map((finding) => ({
    ruleId: finding.ruleId,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endColumn: finding.endColumn,
    secret: options.redact ? redactToken(finding.token) : finding.token,
    fingerprint: fingerprintToken(finding.ruleId, finding.token),
    ...(finding.encoding ? { encoding: finding.encoding } : {}),
    blocking: finding.blocking,
    ...(finding.commit
      ? { commit: finding.commit.id, date: finding.commit.date, author: finding.commit.author }
      : {}),
    ...(finding.verification ? { verification: finding.verification } : {}),
    ...(finding.hiddenBy ? { hiddenBy: finding.hiddenBy } : {}),
  }));
  const warnings = result.notices.map((notice) => ({ ...notice }));
  const seen = firstLastSeen(result.findings);
  const summary = {
    ...result.summary,
    findings: findings.length,
    blockingFindings: findings.filter((f) => f.blocking).length,
    distinctFingerprints: new Set(findings.map((f) => f.fingerprint)).size,
    ...(seen ? { firstSeen: seen.first, lastSeen: seen.last } : {}),
    ...(result.policy ? { policyChanges: result.policy.changes.length } : {}),
  };
  // Range and push scans: where the policy came from, and every change the range makes to it.
  const policy = result.policy
    ? {
        policy: {
          trustedCommit: result.policy.trustedCommit,
          changes: result.policy.changes.map((change) => ({
            ...change,
            ...(change.commit ? { commit: change.commit.id } : {}),
          })),
        },
      }
    : {};
  return `${JSON.stringify({ findings, warnings, summary, ...policy }, null, 2)}\n`;
}
