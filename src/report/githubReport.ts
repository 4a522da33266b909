/**
 * `--format github`: GitHub Actions workflow commands, one `::error` (or `::warning`)
 * annotation per finding, escaped as the runner expects (toolkit's command.ts).
 */
import { Finding, Notice, PolicyChange } from '../types';
import { encodingNote, messages, RULE_TITLES } from './messages';
import { redactToken } from './redact';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithubReport(
  findings: Finding[],
  options: { redact: boolean; command?: string },
  policyChanges: PolicyChange[] = [],
  notices: Notice[] = [],
): string {
  return (
    formatFindings(findings, options) +
    policyChanges.map(formatPolicyChange).join('') +
    notices.map(formatDecodeBound).join('')
  );
}

/** A line the decoding stage stopped on, annotated as a warning. */
function formatDecodeBound(notice: Notice): string {
  if (notice.kind !== 'decode-bound') return '';
  const properties = [
    `file=${escapeProperty(notice.file)}`,
    `line=${notice.line}`,
    `title=${escapeProperty('seg-hook: decoding bound')}`,
  ].join(',');
  return `::warning ${properties}::${escapeData(messages.decodeBound(`${notice.file}:${notice.line}`, notice.bound))}\n`;
}

/** A change the range makes to seg-hook's own policy, annotated on the file it changes. */
function formatPolicyChange(change: PolicyChange): string {
  const properties = [
    `file=${escapeProperty(change.file)}`,
    ...(change.line !== undefined ? [`line=${change.line}`] : []),
    `title=${escapeProperty('seg-hook: policy change')}`,
  ].join(',');
  const message = `This change modifies seg-hook's policy: ${change.detail}${messages.policyHides(change.hides, change.blocking)}. It was scanned with the policy of the base.`;
  return `::${change.blocking ? 'error' : 'warning'} ${properties}::${escapeData(message)}\n`;
}

function formatFindings(
  findings: Finding[],
  options: { redact: boolean; command?: string },
): string {
  return findings
    .map((finding) => {
      const command = finding.blocking ? 'error' : 'warning';
      const properties = [
        `file=${escapeProperty(finding.file)}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(`seg-hook: ${RULE_TITLES[finding.ruleId]}`)}`,
      ].join(',');
      const token = options.redact ? redactToken(finding.token) : finding.token;
      const where = finding.commit ? ` added in commit ${finding.commit.id.slice(0, 12)}` : '';
      const hidden = finding.hiddenBy ? ` (${messages.hiddenByNote[finding.hiddenBy]})` : '';
      const message = `${RULE_TITLES[finding.ruleId]} ${token}${encodingNote(finding)}${where}${hidden}. Remove it and revoke it in Segment if it was ever pushed (${options.command ?? 'seg-hook'} explain).`;
      return `::${command} ${properties}::${escapeData(message)}\n`;
    })
    .join('');
}
