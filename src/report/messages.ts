/**
 * Every sentence seg-hook says to a person, in one place, so wording stays consistent and
 * the redaction of what is shown can be checked in one sweep.
 */
import { RuleId } from '../types';

export const RULE_TITLES: Record<RuleId, string> = {
  'segment-public-api-token': 'Segment Public API token',
  'sourcegraph-access-token': 'Sourcegraph access token (not a Segment token)',
  'segment-credential-assignment': 'secret-looking value assigned to a Segment credential name',
};

export const RULE_DESCRIPTIONS: Record<RuleId, string> = {
  'segment-public-api-token':
    'A Segment Public API token (sgp_ + 16 or more letters/digits) grants access to manage Segment data pipelines: sources, destinations and customer data.',
  'sourcegraph-access-token':
    'A Sourcegraph access token (sgp_ + hex, same prefix as Segment tokens) grants access to a Sourcegraph instance.',
  'segment-credential-assignment':
    'A literal, high-entropy value assigned to a Segment credential variable (SEGMENT_API_TOKEN, SEGMENT_TOKEN, SEGMENT_KEY, SEGMENT_SECRET, SEGMENT_ACCESS_TOKEN): likely a Segment credential without the sgp_ prefix.',
};

export const messages = {
  bypassWarning: (variable: string) =>
    `seg-hook: scan skipped because ${variable} is set. Nothing was checked.`,

  cannotScan: (reason: string) =>
    `seg-hook: cannot scan: ${reason}. The commit is blocked; bypass once with SEG_HOOK_SKIP=1 or git commit --no-verify.`,

  badArguments: (reason: string) => `seg-hook: ${reason}. See seg-hook --help.`,

  blockedHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the staged changes. Commit blocked.`,

  warningHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} reported as warnings (not blocking).`,

  riskyFile: (file: string) =>
    `seg-hook: warning: ${file} is being committed; files like it usually hold secrets and belong in .gitignore (riskyFileWarnings: false in .seg-hookrc.json turns this off).`,

  activeHeader: (count: number) =>
    `ACTIVE: ${count === 1 ? 'this token works' : `${count} of these tokens work`} against Segment's API. Revoke ${count === 1 ? 'it' : 'them'} now:`,

  activeSteps: [
    '  - Segment > Settings > Workspace settings > Access Management > Tokens: delete the token.',
    '  - Review the audit trail for what it was used for; create a least-privilege replacement.',
    '  - Full runbook: npx seg-hook explain',
  ],

  verifyUsage:
    'pipe the token on standard input, e.g. printf %s "$TOKEN" | seg-hook verify (never pass it as an argument: other users can see arguments)',

  verifyNotAToken:
    'standard input does not hold a Segment Public API token (sgp_ + 16 or more letters/digits)',

  notVerified: 'not a Segment Public API token; not sent',

  guidance: [
    'How to fix:',
    '  1. Remove the token from each line above. Load it at run time instead, from the',
    '     environment (e.g. process.env.SEGMENT_API_TOKEN) or a secrets manager.',
    '  2. Re-stage the files (git add <file>) and commit again.',
    '  3. If the token was ever pushed, shared or committed elsewhere, treat it as exposed:',
    '     revoke it in Segment and create a new one. Full runbook: npx seg-hook explain',
    'Not a real token? Add "seg-hook:allow" to the line, or list the path in ignorePaths',
    '  in .seg-hookrc.json.',
    'Bypass once (not recommended): SEG_HOOK_SKIP=1 git commit ...  or  git commit --no-verify',
  ],
} as const;

/** The full remediation runbook (`seg-hook explain`), from the seed document's steps. */
export const RUNBOOK = `Segment Public API token exposed: what to do

A Segment Public API token authenticates requests to Segment's Public API: it can manage
sources, destinations and data pipelines, and may read customer data and event logs.
Severity: high. A token that reached a shared place (a pushed commit, a CI log, a chat) must
be treated as compromised, even if the commit is later rewritten.

1. Revoke immediately: in Segment, Settings > Workspace settings > Access Management >
   Tokens, delete the exposed token.
2. Audit access logs: review Segment's audit trail for requests or configuration changes
   made with the token during the exposure window.
3. Assess the blast radius: list every system, application and environment that used the
   token and every source and destination it could reach.
4. Rotate the credential: create a new token with the least privilege the job needs.
5. Update dependent systems: deploy the new token to the applications and CI/CD pipelines
   that need it, through their secret stores, never through the repository.
6. Harden access controls: restrict who can create tokens and enable the workspace's
   network and access restrictions where available.
7. Use secrets management: keep credentials in a secrets manager (HashiCorp Vault, AWS
   Secrets Manager, your CI's encrypted secrets) and load them at run time.
8. Keep detection controls: keep seg-hook installed as a pre-commit hook and scan pushes
   and CI builds, so the next leak is caught before it is shared.

Removing the token from the latest commit does not remove it from history: once revoked,
rewrite history only if your policy requires it (git filter-repo), and tell everyone who
cloned the repository.
`;
