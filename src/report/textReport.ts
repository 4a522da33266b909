/** The human report (written to stderr by the CLI). Silent when there is nothing to say. */
import { createColors } from 'picocolors';
import { Finding, PolicyChange, ScanResult } from '../types';
import { isEnvFile } from '../detect/riskyFiles';
import { firstLastSeen } from './firstLastSeen';
import { loadAdvice } from './loadAdvice';
import { encodingNote, messages, RULE_TITLES, Speaker } from './messages';
import { redactToken } from './redact';
import { BY_HAND, ReportOptions } from './reportOptions';

/** What was scanned decides the headline and the advice. */
export type ScanMode = 'staged' | 'range' | 'push' | 'history';

type Colors = ReturnType<typeof createColors>;

export function formatTextReport(
  result: ScanResult,
  options: ReportOptions,
  mode: ScanMode = 'staged',
): string {
  const colors = createColors(options.color);
  const speaker = options.speaker ?? BY_HAND;
  const blocking = result.findings.filter((f) => f.blocking);
  const warnings = result.findings.filter((f) => !f.blocking);
  const describe = (finding: Finding) => describeFinding(finding, options, colors);
  const lines: string[] = [];

  // A live token outranks everything else: the revoke steps come first.
  const active = new Set(
    result.findings.filter((f) => f.verification?.status === 'active').map((f) => f.token),
  );
  if (active.size) {
    lines.push(
      colors.red(colors.bold(messages.activeHeader(active.size))),
      ...messages.activeSteps(speaker.command),
      '',
    );
  }
  for (const notice of result.notices) {
    lines.push(
      colors.yellow(
        notice.kind === 'risky-file'
          ? messages.riskyFile(printableName(notice.file))
          : messages.decodeBound(`${printableName(notice.file)}:${notice.line}`, notice.bound),
      ),
    );
  }
  if (result.notices.length) lines.push('');
  if (warnings.length) {
    lines.push(
      colors.yellow(messages.warningHeader(warnings.length)),
      ...warnings.map(describe),
      '',
    );
  }
  if (blocking.length) {
    lines.push(colors.red(colors.bold(headline(mode, blocking, speaker))));
    if (mode === 'history') lines.push(historySeen(blocking));
    lines.push('', ...blocking.map(describe), '');
    lines.push(...guidance(mode, blocking, speaker));
  }
  const policy = result.policy;
  if (policy?.trustedCommit && policy.changes.length) {
    if (lines.length) lines.push('');
    lines.push(colors.yellow(messages.policyHeader(policy.trustedCommit, policy.changes.length)));
    lines.push(...policy.changes.map(describeChange), ...messages.policyFooter);
  }
  const suppressed = result.summary.suppressedByBaseline ?? 0;
  if (suppressed > 0) lines.push(colors.dim(messages.baselineSuppressed(suppressed)));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function headline(mode: ScanMode, findings: Finding[], speaker: Speaker): string {
  switch (mode) {
    case 'history':
      return messages.historyHeader(findings.length, new Set(findings.map((f) => f.token)).size);
    case 'range':
      return messages.rangeHeader(findings.length);
    case 'push':
      return messages.pushHeader(findings.length);
    default:
      return messages.blockedHeader(findings.length, speaker.fromHook);
  }
}

function guidance(mode: ScanMode, blocking: Finding[], speaker: Speaker): readonly string[] {
  switch (mode) {
    case 'history':
      return messages.historyGuidance(speaker.command);
    case 'range':
      return messages.rangeGuidance(speaker.command);
    case 'push':
      return messages.pushGuidance(speaker.command);
    default:
      return stagedGuidance(blocking, speaker);
  }
}

/** A .env file is fixed by not committing it, not by moving its token into the environment. */
function stagedGuidance(blocking: Finding[], speaker: Speaker): readonly string[] {
  const files = [...new Set(blocking.map((finding) => finding.file))];
  const envFiles = files.filter(isEnvFile);
  // Only .env files: their advice replaces "load it from the environment".
  if (envFiles.length === files.length) return messages.envOnlyGuidance(envFiles, speaker);
  const others = files.filter((file) => !isEnvFile(file));
  const fix = messages.guidance(loadAdvice(others, printableName), speaker);
  return envFiles.length === 0 ? fix : [...fix, ...messages.envFileGuidance(envFiles)];
}

function describeChange(change: PolicyChange): string {
  const where = change.line === undefined ? change.file : `${change.file}:${change.line}`;
  const commit = change.commit ? ` (commit ${change.commit.id.slice(0, 12)})` : '';
  return `  ${printableName(where)}${commit}: ${change.detail}${messages.policyHides(change.hides, change.blocking)}`;
}

function historySeen(findings: Finding[]): string {
  const seen = firstLastSeen(findings);
  return seen ? messages.historySeen(seen.first, seen.last) : '';
}

function describeFinding(finding: Finding, options: ReportOptions, colors: Colors): string {
  const token = options.redact ? redactToken(finding.token) : finding.token;
  const where = `${printableName(finding.file)}:${finding.line}:${finding.column}`;
  const commit = finding.commit
    ? `${colors.cyan(finding.commit.id.slice(0, 12))} ${finding.commit.date.slice(0, 10)} ${printableName(finding.commit.author)}  `
    : '';
  const verdict = finding.verification ? `  ${describeVerification(finding, colors)}` : '';
  const hidden = finding.hiddenBy ? `  (${messages.hiddenByNote[finding.hiddenBy]})` : '';
  return `  ${commit}${colors.bold(where)}  ${colors.yellow(token)}${encodingNote(finding)}  ${RULE_TITLES[finding.ruleId]} [${finding.ruleId}]${verdict}${hidden}`;
}

function describeVerification(finding: Finding, colors: Colors): string {
  const verification = finding.verification;
  if (!verification) return '';
  if (verification.status === 'active') return colors.red(colors.bold('ACTIVE — revoke it now'));
  return `(${verification.status}: ${verification.reason})`;
}

/**
 * Names are shown as-is unless they hold control characters (a newline in a name would forge
 * a report line); those are shown JSON-quoted.
 */
export function printableName(file: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file) : file;
}
