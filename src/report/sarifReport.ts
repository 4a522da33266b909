/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it — rule metadata with help
 * text from the seed document, one result per finding with a location relative to the
 * repository root, and partialFingerprints so alerts follow a token across line moves.
 */
import { Finding, Notice, PolicyChange, RuleId } from '../types';
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

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}

/** The rule of the results that report a change to seg-hook's own policy (range scans). */
export const POLICY_CHANGE_RULE = 'seg-hook-policy-change';

export function formatSarifReport(
  findings: Finding[],
  version: string,
  options: { redact: boolean; command?: string },
  policyChanges: PolicyChange[] = [],
  notices: Notice[] = [],
): string {
  const command = options.command ?? 'seg-hook';
  const rules: SarifRule[] = RULE_IDS.map((id) => ({
    id,
    name: RULE_TITLES[id].replace(/[^A-Za-z]+(.)?/g, (_, next: string | undefined) =>
      (next ?? '').toUpperCase(),
    ),
    shortDescription: { text: RULE_TITLES[id] },
    fullDescription: { text: RULE_DESCRIPTIONS[id] },
    help: { text: messages.sarifHelp(command), markdown: messages.sarifHelpMarkdown(command) },
    defaultConfiguration: { level: id === 'segment-credential-assignment' ? 'warning' : 'error' },
    properties: {
      tags: ['security', 'secret'],
      'security-severity': SECURITY_SEVERITY[id],
      precision: 'high',
    },
  }));
  rules.push({
    id: POLICY_CHANGE_RULE,
    name: 'SegHookPolicyChange',
    shortDescription: { text: "change to seg-hook's own policy" },
    fullDescription: { text: messages.policyRuleDescription },
    help: { text: messages.policyFooter.join(' '), markdown: messages.policyFooter.join(' ') },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['security'], 'security-severity': '5.0', precision: 'high' },
  });
  const findingResults = findings.map((finding) => ({
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
    ...(finding.commit || finding.hiddenBy || finding.encoding
      ? {
          properties: {
            ...(finding.commit ? { commit: finding.commit.id } : {}),
            ...(finding.hiddenBy ? { hiddenBy: finding.hiddenBy } : {}),
            ...(finding.encoding ? { encoding: finding.encoding } : {}),
          },
        }
      : {}),
  }));
  const changeResults = policyChanges.map((change) => ({
    ruleId: POLICY_CHANGE_RULE,
    ruleIndex: rules.length - 1,
    level: change.blocking ? 'error' : 'warning',
    message: {
      text: `${change.detail}${messages.policyHides(change.hides, change.blocking)}`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(change.file), uriBaseId: '%SRCROOT%' },
          ...(change.line !== undefined ? { region: { startLine: change.line } } : {}),
        },
      },
    ],
    properties: { kind: change.kind, ...(change.commit ? { commit: change.commit.id } : {}) },
  }));
  const results = [...findingResults, ...changeResults];
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
        ...decodeBoundInvocations(notices),
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Lines the decoding stage stopped on: tool execution notifications (not results: nothing
 * was found there, the scan was incomplete there).
 */
function decodeBoundInvocations(notices: Notice[]): object {
  const notifications = notices.flatMap((notice) =>
    notice.kind === 'decode-bound'
      ? [
          {
            level: 'warning',
            descriptor: { id: 'seg-hook-decode-bound' },
            message: { text: messages.decodeBound(`${notice.file}:${notice.line}`, notice.bound) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(notice.file), uriBaseId: '%SRCROOT%' },
                  region: { startLine: notice.line },
                },
              },
            ],
          },
        ]
      : [],
  );
  if (notifications.length === 0) return {};
  return {
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
  };
}

/** A relative URI reference for a repo-relative path: each segment percent-encoded. */
export function toUri(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
