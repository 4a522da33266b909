/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it — rule metadata with help
 * text from the seed document, one result per finding with a location relative to the
 * repository root, and partialFingerprints so alerts follow a token across line moves.
 */
import { Finding, RuleId } from '../types';
import { fingerprintToken } from './fingerprint';
import { encodingNote, RULE_DESCRIPTIONS, RULE_TITLES, messages } from './messages';
import { redactToken } from './redact';

const RULE_IDS: RuleId[] = [
  'segment-public-api-token',
  'sourcegraph-access-token',
  'segment-credential-assignment',
];
const SECURITY_SEVERITY: Record<RuleId, string> = {
  'segment-public-api-token': '8.0',
  'sourcegraph-access-token': '8.0',
  'segment-credential-assignment': '5.0',
};

export function formatSarifReport(
  findings: Finding[],
  version: string,
  options: { redact: boolean },
): string {
  const rules = RULE_IDS.map((id) => ({
    id,
    name: RULE_TITLES[id].replace(/[^A-Za-z]+(.)?/g, (_, next: string | undefined) =>
      (next ?? '').toUpperCase(),
    ),
    shortDescription: { text: RULE_TITLES[id] },
    fullDescription: { text: RULE_DESCRIPTIONS[id] },
    help: { text: messages.sarifHelp, markdown: messages.sarifHelpMarkdown },
    defaultConfiguration: { level: id === 'segment-credential-assignment' ? 'warning' : 'error' },
    properties: {
      tags: ['security', 'secret'],
      'security-severity': SECURITY_SEVERITY[id],
      precision: 'high',
    },
  }));
  const results = findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: finding.blocking ? 'error' : 'warning',
    message: {
      text: `${RULE_TITLES[finding.ruleId]}: ${options.redact ? redactToken(finding.token) : finding.token}${encodingNote(finding)}${
        finding.commit ? ` (added in commit ${finding.commit.id})` : ''
      }`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(finding.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: {
      'segHookTokenFingerprint/v1': fingerprintToken(finding.ruleId, finding.token),
    },
    ...(finding.commit || finding.encoding
      ? {
          properties: {
            ...(finding.commit ? { commit: finding.commit.id } : {}),
            ...(finding.encoding ? { encoding: finding.encoding } : {}),
          },
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seg-hook',
            informationUri: 'https://www.npmjs.com/package/seg-hook',
            semanticVersion: version,
            version,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative URI reference for a repo-relative path: each segment percent-encoded. */
export function toUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
