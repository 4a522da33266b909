/** The human report (written to stderr by the CLI). Silent when there is nothing to say. */
import { createColors } from 'picocolors';
import { Finding, ScanResult } from '../types';
import { firstLastSeen } from './firstLastSeen';
import { encodingNote, messages, RULE_TITLES } from './messages';
import { redactToken } from './redact';
import { ReportOptions } from './reportOptions';

/** What was scanned decides the headline and the advice. */
export type ScanMode = 'staged' | 'range' | 'history';

type Colors = ReturnType<typeof createColors>;

export function formatTextReport(
  result: ScanResult,
  options: ReportOptions,
  mode: ScanMode = 'staged',
): string {
  const colors = createColors(options.color);
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
      ...messages.activeSteps,
      '',
    );
  }
  for (const notice of result.notices)
    lines.push(colors.yellow(messages.riskyFile(displayPath(notice.file))));
  if (result.notices.length) lines.push('');
  if (warnings.length) {
    lines.push(
      colors.yellow(messages.warningHeader(warnings.length)),
      ...warnings.map(describe),
      '',
    );
  }
  if (blocking.length) {
    lines.push(colors.red(colors.bold(headline(mode, blocking))));
    if (mode === 'history') lines.push(historySeen(blocking));
    lines.push('', ...blocking.map(describe), '');
    lines.push(
      ...(mode === 'history'
        ? messages.historyGuidance
        : mode === 'range'
          ? messages.rangeGuidance
          : messages.guidance),
    );
  }
  const suppressed = result.summary.suppressedByBaseline ?? 0;
  if (suppressed > 0) lines.push(colors.dim(messages.baselineSuppressed(suppressed)));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function headline(mode: ScanMode, findings: Finding[]): string {
  if (mode === 'history') {
    return messages.historyHeader(findings.length, new Set(findings.map((f) => f.token)).size);
  }
  return mode === 'range'
    ? messages.rangeHeader(findings.length)
    : messages.blockedHeader(findings.length);
}

function historySeen(findings: Finding[]): string {
  const seen = firstLastSeen(findings);
  return seen ? messages.historySeen(seen.first, seen.last) : '';
}

function describeFinding(finding: Finding, options: ReportOptions, colors: Colors): string {
  const token = options.redact ? redactToken(finding.token) : finding.token;
  const where = `${displayPath(finding.file)}:${finding.line}:${finding.column}`;
  const commit = finding.commit
    ? `${colors.cyan(finding.commit.id.slice(0, 12))} ${finding.commit.date.slice(0, 10)} ${displayPath(finding.commit.author)}  `
    : '';
  const verdict = finding.verification ? `  ${describeVerification(finding, colors)}` : '';
  return `  ${commit}${colors.bold(where)}  ${colors.yellow(token)}${encodingNote(finding)}  ${RULE_TITLES[finding.ruleId]} [${finding.ruleId}]${verdict}`;
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
export function displayPath(file: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(file) ? JSON.stringify(file) : file;
}
