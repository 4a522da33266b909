/** The human report (written to stderr by the CLI). Silent when there is nothing to say. */
import { createColors } from 'picocolors';
import { Finding, ScanResult } from '../types';
import { messages, RULE_TITLES } from './messages';
import { redactToken } from './redact';
import { ReportOptions } from './reportOptions';

export function formatTextReport(result: ScanResult, options: ReportOptions): string {
  const colors = createColors(options.color);
  const blocking = result.findings.filter((f) => f.blocking);
  const warnings = result.findings.filter((f) => !f.blocking);
  const lines: string[] = [];
  const describe = (finding: Finding) => {
    const token = options.redact ? redactToken(finding.token) : finding.token;
    const where = `${displayPath(finding.file)}:${finding.line}:${finding.column}`;
    const verdict = finding.verification ? `  ${describeVerification(finding, colors)}` : '';
    return `  ${colors.bold(where)}  ${colors.yellow(token)}  ${RULE_TITLES[finding.ruleId]} [${finding.ruleId}]${verdict}`;
  };
  for (const notice of result.notices)
    lines.push(colors.yellow(messages.riskyFile(displayPath(notice.file))));
  if (result.notices.length) lines.push('');
  const active = result.findings.filter((f) => f.verification?.status === 'active');
  if (active.length) {
    lines.push(
      colors.red(colors.bold(messages.activeHeader(active.length))),
      ...messages.activeSteps,
      '',
    );
  }
  if (warnings.length) {
    lines.push(
      colors.yellow(messages.warningHeader(warnings.length)),
      ...warnings.map(describe),
      '',
    );
  }
  if (blocking.length) {
    lines.push(
      colors.red(colors.bold(messages.blockedHeader(blocking.length))),
      '',
      ...blocking.map(describe),
      '',
    );
    lines.push(...messages.guidance);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function describeVerification(finding: Finding, colors: ReturnType<typeof createColors>): string {
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
