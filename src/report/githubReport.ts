/**
 * `--format github`: GitHub Actions workflow commands, one `::error` (or `::warning`)
 * annotation per finding, escaped as the runner expects (toolkit's command.ts).
 */
import { Finding } from '../types';
import { encodingNote, RULE_TITLES } from './messages';
import { redactToken } from './redact';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithubReport(findings: Finding[], options: { redact: boolean }): string {
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
      const message = `${RULE_TITLES[finding.ruleId]} ${token}${encodingNote(finding)}${where}. Remove it and revoke it in Segment if it was ever pushed (npx seg-hook explain).`;
      return `::${command} ${properties}::${escapeData(message)}\n`;
    })
    .join('');
}
