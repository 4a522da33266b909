/**
 * A range or push is scanned with the trusted side's policy. This compares it with the policy
 * the range itself brings (at its head) and with the seg-hook:allow markers it adds, so that
 * every change is reported, and a finding such a change would hide stays visible: blocking by
 * default, a warning when the trusted configuration says `policyChanges: "warn"`. Pure.
 */
import { applyBaseline, BaselineIndex, isBaselined } from '../baseline/baseline';
import { policyFor, RulePolicy, SegHookConfig } from '../config/config';
import { createPathFilter } from '../config/pathFilter';
import { messages } from '../report/messages';
import { redactTokensInText } from '../report/redact';
import { Finding, PolicyChange, PolicyChangeKind, ScanResult } from '../types';
import { Policy } from './policy';

/** The head's policy, or why it could not be read (a broken file is itself a change to report). */
export type HeadPolicy = Policy | { error: string };

const CONFIG_KEYS = [
  'ignorePaths',
  'sourcegraphTokens',
  'credentialAssignments',
  'riskyFileWarnings',
  'policyChanges',
] as const satisfies readonly (keyof SegHookConfig)[];

const STRICTNESS: Record<RulePolicy, number> = { off: 0, warn: 1, block: 2 };

export function applyRangePolicy<T extends ScanResult>(
  scanned: T,
  trusted: Policy,
  head: HeadPolicy | null,
  trustedCommit: string,
): T {
  const result = applyBaseline(scanned, trusted.baseline);
  const headPolicy = head && !('error' in head) ? head : null;
  const configChanges = headPolicy ? describeConfigChanges(trusted.config, headPolicy.config) : [];
  const headScans = createPathFilter(headPolicy?.config.ignorePaths ?? []);
  const hiddenBy = (finding: Finding): PolicyChangeKind | undefined => {
    if (finding.hiddenBy) return finding.hiddenBy;
    if (!headPolicy) return undefined;
    if (configChanges.length && configHides(finding, trusted.config, headPolicy.config, headScans))
      return 'config';
    if (isBaselined(headPolicy.baseline, finding)) return 'baseline';
    return undefined;
  };
  const warnOnly = trusted.config.policyChanges === 'warn';
  const findings = result.findings.map((finding): Finding => {
    const kind = hiddenBy(finding);
    if (!kind) return finding;
    return { ...finding, hiddenBy: kind, blocking: finding.blocking && !warnOnly };
  });
  const hidden = (kind: PolicyChangeKind) => findings.filter((f) => f.hiddenBy === kind);
  const changes: PolicyChange[] = [];
  if (head && 'error' in head) {
    changes.push(change('config', '(configuration)', messages.policyUnreadable(head.error), []));
  }
  if (headPolicy && configChanges.length) {
    const file = headPolicy.configFile ?? trusted.configFile ?? '.seg-hookrc.json';
    changes.push(change('config', file, configChanges.join('; '), hidden('config')));
  }
  const baselineChange =
    headPolicy && describeBaselineChange(trusted.baseline, headPolicy.baseline);
  if (baselineChange) {
    changes.push(change('baseline', '.seg-hook-baseline.json', baselineChange, hidden('baseline')));
  }
  for (const finding of hidden('allow-marker')) {
    changes.push({
      ...change('allow-marker', finding.file, messages.policyAllowMarker, [finding]),
      line: finding.line,
      ...(finding.commit ? { commit: finding.commit } : {}),
    });
  }
  return { ...result, findings, policy: { trustedCommit, changes } };
}

function change(
  kind: PolicyChangeKind,
  file: string,
  detail: string,
  hides: Finding[],
): PolicyChange {
  return {
    kind,
    file,
    detail: redactTokensInText(detail),
    hides: hides.length,
    blocking: hides.some((finding) => finding.blocking),
  };
}

/** "ignorePaths: [] -> ["**"]" for each key whose value differs. */
export function describeConfigChanges(before: SegHookConfig, after: SegHookConfig): string[] {
  return CONFIG_KEYS.filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  ).map((key) => `${key}: ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`);
}

/** Would the head's configuration drop this finding, or make it less strict? */
function configHides(
  finding: Finding,
  trusted: SegHookConfig,
  head: SegHookConfig,
  headScans: (file: string) => boolean,
): boolean {
  if (!headScans(finding.file)) return true;
  return (
    STRICTNESS[policyFor(finding.ruleId, head)] < STRICTNESS[policyFor(finding.ruleId, trusted)]
  );
}

/** "adds 2 entries, removes 1" (an entry: one fingerprint in one file), or null if equal. */
export function describeBaselineChange(before: BaselineIndex, after: BaselineIndex): string | null {
  const count = (from: BaselineIndex, other: BaselineIndex) => {
    let missing = 0;
    for (const [fingerprint, files] of from) {
      for (const file of files) if (!other.get(fingerprint)?.has(file)) missing += 1;
    }
    return missing;
  };
  const added = count(after, before);
  const removed = count(before, after);
  return added || removed ? messages.policyBaselineChange(added, removed) : null;
}
