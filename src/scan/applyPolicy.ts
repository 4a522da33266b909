/** Turns a line's token matches into findings, applying each rule's configured policy. */
import { policyFor, SegHookConfig } from '../config/config';
import { LineMatch } from '../detect/lineScanner';
import { Finding } from '../types';

export function findingsForLine(
  matches: LineMatch[],
  file: string,
  line: number,
  config: SegHookConfig,
): Finding[] {
  const findings: Finding[] = [];
  for (const match of matches) {
    const policy = policyFor(match.candidate.ruleId, config);
    if (policy === 'off') continue;
    findings.push({
      ruleId: match.candidate.ruleId,
      file,
      line,
      column: match.column,
      endColumn: match.endColumn,
      token: match.candidate.token,
      ...(match.encoding ? { encoding: match.encoding } : {}),
      blocking: policy === 'block',
    });
  }
  return findings;
}
