/**
 * Every sentence seg-hook says to a person, in one place, so wording stays consistent and
 * the redaction of what is shown can be checked in one sweep.
 */
import { Finding, RuleId } from '../types';

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

function cannotScan(reason: string): string {
  return `seg-hook: cannot scan: ${reason}. The commit is blocked; bypass once with SEG_HOOK_SKIP=1 or git commit --no-verify.`;
}

export const messages = {
  bypassWarning: (variable: string) =>
    `seg-hook: scan skipped because ${variable} is set. Nothing was checked.`,

  cannotScan,

  /** A bug of ours: still one line, still blocking. */
  internalError: (detail: string) => cannotScan(`internal error (${detail.split('\n')[0]})`),

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

  verifySourcegraphToken:
    'standard input holds a Sourcegraph access token (sgp_ + hex), not a Segment token; it was not sent',

  notVerified: 'not a Segment Public API token; not sent',

  sarifHelp:
    'Remove the token from the file and load it at run time (environment variable or secrets manager). If it was ever pushed or shared, revoke it in Segment (Settings > Workspace settings > Access Management > Tokens), audit the access logs, and create a least-privilege replacement. Run `npx seg-hook explain` for the full runbook.',

  sarifHelpMarkdown: [
    '**Remove the token** from the file and load it at run time (environment variable or secrets manager).',
    '',
    'If it was ever pushed or shared, treat it as compromised:',
    '1. Revoke it in Segment (Settings > Workspace settings > Access Management > Tokens).',
    '2. Audit the access logs for the exposure window.',
    '3. Create a least-privilege replacement and update the systems that use it.',
    '',
    'Run `npx seg-hook explain` for the full runbook.',
  ].join('\n'),

  historyHeader: (count: number, distinct: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} (${distinct} distinct) found in committed history.`,

  historySeen: (first: string, last: string) => `First seen ${first}, last seen ${last}.`,

  historyGuidance: [
    'What to do:',
    '  1. Revoke and rotate every token above in Segment now. A token that was ever committed is',
    '     exposed to everyone who cloned or forked the repository, whatever is rewritten later.',
    '  2. Audit Segment access logs for the whole period between "first seen" and revocation.',
    '  3. Then, if your policy requires it, purge the token from history with git filter-repo',
    '     (e.g. git filter-repo --replace-text <file listing the tokens>). Caveats: it rewrites every',
    '     later commit id, everyone must re-clone, and forks, pull-request refs, CI caches and',
    '     mirrors keep the old objects. Purging never replaces revocation.',
    '  4. Accepted findings (already revoked tokens) can be recorded with seg-hook baseline.',
    '  Full runbook: npx seg-hook explain',
  ],

  rangeGuidance: [
    'How to fix:',
    '  1. The commits above contain the token: rewrite them before they are shared',
    '     (git commit --amend for the last one, git rebase -i for older ones) so the token is in',
    '     none of them, and load it at run time instead (environment or a secrets manager).',
    '  2. If any of these commits was already pushed or shared, revoke the token in Segment and',
    '     create a new one. Full runbook: npx seg-hook explain',
    'Not a real token? Add "seg-hook:allow" to the line, list the path in ignorePaths, or record',
    '  it with seg-hook baseline.',
  ],

  rangeHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the commits being checked.`,

  baselineSuppressed: (count: number) =>
    `seg-hook: ${count} baselined ${count === 1 ? 'finding' : 'findings'} not reported (their fingerprints are in the baseline file).`,

  baselineWritten: (file: string, entries: number) =>
    `seg-hook: wrote ${file} with ${entries} ${entries === 1 ? 'entry' : 'entries'} (fingerprints only; no tokens).`,

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

/** What `seg-hook install` / `uninstall` and the hook they write say. */
export const installMessages = {
  /** Printed by the installed hook when the project's binary is missing: it fails closed. */
  missingBinary: (binPath: string, gitCommand: 'commit' | 'push' = 'commit') =>
    `seg-hook: ${binPath} was not found, so this ${gitCommand} cannot be scanned and is blocked. Run npm install (seg-hook must be in devDependencies), or bypass once with SEG_HOOK_SKIP=1 or git ${gitCommand} --no-verify.`,

  /** Printed by the pre-push hook when it cannot keep a copy of git's input: it fails closed. */
  noTempFile:
    'seg-hook: cannot create a temporary file (mktemp) to hold the list of refs git is pushing, so this push cannot be scanned and is blocked. Check TMPDIR, or bypass once with git push --no-verify.',

  /** The one line an install/uninstall error prints (exit code 2). */
  failed: (reason: string) => `seg-hook: ${reason}.`,

  globalHooksPath: (
    scope: string,
    origin: string,
    value: string,
    command: string,
    hook = 'pre-commit',
  ) =>
    `core.hooksPath is set in your ${scope} git config (${origin}) to ${value}: hooks there run in every repository on this machine, and seg-hook does not edit a ${scope} setup. Add seg-hook to that directory's ${hook} yourself (see the README), or run seg-hook ${command} --force to write there anyway`,

  setupPlain: (hooksDir: string) => `git hooks in ${hooksDir}`,
  setupHooksPath: (hooksDir: string) => `core.hooksPath ${hooksDir}`,
  setupHusky: (version: number, dir: string) => `husky v${version} in ${dir}`,

  installed: (setup: string, hook = 'pre-commit') =>
    `seg-hook: installed the ${hook} hook (${setup}).`,
  upToDate: (setup: string, hook = 'pre-commit') =>
    `seg-hook: the ${hook} hook is already installed and up to date (${setup}); nothing changed.`,
  uninstalled: (setup: string, hook = 'pre-commit') =>
    `seg-hook: uninstalled the ${hook} hook (${setup}).`,
  notInstalled: (setup: string, hook = 'pre-commit') =>
    `seg-hook: the ${hook} hook is not installed (${setup}); nothing changed.`,
  /** After uninstalling one hook, when the other one is still there. */
  otherStillInstalled: (hook: string, command: string) =>
    `Note: the ${hook} hook is still installed; seg-hook ${command} removes it.`,
  skipped: (reason: string) => `seg-hook: ${reason}; nothing changed.`,
  dryRun: (command: string, setup: string) =>
    `seg-hook ${command} --dry-run (${setup}): nothing was changed. It would:`,
  dryRunNothing: (command: string, setup: string) =>
    `seg-hook ${command} --dry-run (${setup}): nothing to change.`,
  undo: (command: string) => `Undo with: npx seg-hook ${command}`,

  opMkdir: (done: boolean, dir: string) => `${done ? 'created' : 'create'} directory ${dir}`,
  opWrite: (done: boolean, file: string, replaces: boolean, mode: number) =>
    `${done ? (replaces ? 'updated' : 'wrote') : replaces ? 'update' : 'write'} ${file} (mode ${mode.toString(8)})`,
  opRename: (done: boolean, from: string, to: string) =>
    `${done ? 'moved' : 'move'} ${from} to ${to}`,
  opBackup: (done: boolean, file: string, copy: string) =>
    `${done ? 'copied' : 'copy'} ${file} to ${copy} (backup)`,
  opRemove: (done: boolean, file: string) => `${done ? 'removed' : 'remove'} ${file}`,
  opChmod: (done: boolean, file: string, mode: number) =>
    `${done ? 'made' : 'make'} ${file} executable (mode ${mode.toString(8)})`,

  chained: (original: string, chained: string, gitCommand = 'commit', uninstall = 'uninstall') =>
    `Your existing ${original} is kept as ${chained} and runs first${gitCommand === 'push' ? ' (with the same arguments and the same refs on stdin)' : ''}; its failure still blocks the ${gitCommand}. seg-hook ${uninstall} puts it back.`,
  restored: (original: string) => `Your original ${original} is back in place.`,
  huskyLine: (file: string) =>
    `${file} runs seg-hook first (one line marked "added by seg-hook install"); your other lines are unchanged. Commit ${file} and the helper next to it so that everyone gets the hook.`,
  alreadyRuns: (file: string, line: number) =>
    `seg-hook already runs from ${file} (line ${line}), so no hook was added (no file is scanned twice); run again with --force to add it anyway`,
  alreadyRunsViaLintStaged: (config: string) =>
    `seg-hook already runs through lint-staged (${config}) from this pre-commit hook, so no hook was added (no file is scanned twice); run again with --force to add it anyway`,
  npxWarning: (file: string, line: number, install = 'install') =>
    `Note: ${file} line ${line} runs seg-hook through npx: with stdin closed npx may download whatever is published under that name. Prefer node_modules/.bin/seg-hook, or remove that line and run seg-hook ${install}.`,
  lintStagedAlternative: (file: string) =>
    `Tip: ${file} runs lint-staged. Instead of this hook you can add "*": "seg-hook --staged" to lint-staged's configuration and run seg-hook uninstall; use one or the other, not both, so no file is scanned twice.`,
  lintStagedDouble: (config: string) =>
    `Note: lint-staged (${config}) also runs seg-hook; if lint-staged runs at commit time, remove one of the two so no file is scanned twice.`,
  binaryMissingNow: (binPath: string, gitCommand = 'commit') =>
    `Note: ${binPath} does not exist yet: until seg-hook is installed there (npm install -D seg-hook), the hook blocks every ${gitCommand}.`,
  huskyNotSetUp: (dir: string, install = 'install') =>
    `Note: ${dir} exists but git does not use it (core.hooksPath is not set to it): the hook went into the plain git hooks directory. If you set husky up later, run seg-hook ${install} again.`,
  leftAlone: (file: string) => `${file} was not written by seg-hook and is left alone.`,
} as const;

/**
 * ` (base64-encoded)`, ` (percent-encoded, then base64-encoded)`: how a token found under
 * encodings was written, innermost first as a reader would undo it last.
 */
export function encodingNote(finding: Pick<Finding, 'encoding'>): string {
  if (!finding.encoding) return '';
  const names = [...finding.encoding].reverse().map((encoding) => `${ENCODING_NAMES[encoding]}`);
  return ` (${names.join(', then ')})`;
}

const ENCODING_NAMES: Record<NonNullable<Finding['encoding']>[number], string> = {
  percent: 'percent-encoded',
  escape: 'escaped',
  hex: 'hex-encoded',
  base64: 'base64-encoded',
  utf16: 'in a UTF-16 file',
};
