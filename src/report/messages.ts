/**
 * Every sentence seg-hook says to a person, in one place, so wording stays consistent and
 * the redaction of what is shown can be checked in one sweep.
 */
import { MAX_DEPTH } from '../decode/codecs';
import { BUDGET_PER_CHAR, DecodeBound } from '../decode/stage';
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

/** What a failure stops: the commit (the staged hook), the push (pre-push), or nothing. */
export type Blocked = 'commit' | 'push' | null;

function cannotScan(reason: string, blocked: Blocked = 'commit'): string {
  const consequence = blocked
    ? ` The ${blocked} is blocked; bypass once with SEG_HOOK_SKIP=1 git ${blocked} ... or git ${blocked} --no-verify.`
    : '';
  return `seg-hook: cannot scan: ${reason}.${consequence}`;
}

/** A file name as one shell word (single-quoted when it needs to be). */
function shellWord(file: string): string {
  return /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}

/** A .gitignore line for exactly this repo-relative file. */
function gitignoreLine(file: string): string {
  return shellWord(`/${file}`);
}

export const messages = {
  bypassWarning: (variable: string) =>
    `seg-hook: scan skipped because ${variable} is set. Nothing was checked.`,

  cannotScan,

  /** The per-repository opt-out (`"enabled": false`): the hook passes, and says so. */
  optedOut: (file: string) =>
    `seg-hook: not scanned: this repository opts out of seg-hook's hooks ("enabled": false in ${file}).`,

  /** A bug of ours: still one line, still blocking. */
  internalError: (detail: string, blocked: Blocked = 'commit') =>
    cannotScan(`internal error (${detail.split('\n')[0]})`, blocked),

  unknownHelpTopic: (topic: string, suggestion: string | null, commands: string[]) =>
    `no help for "${topic}"${suggestion ? ` (did you mean "seg-hook help ${suggestion}"?)` : ''}; the commands are ${commands.join(', ')}`,

  pathLooksLikeCommand: (word: string, command: string) =>
    `"${word}" is neither a command nor a file; did you mean "seg-hook ${command}"?`,

  /** For a token in a .env file: the fix is not to commit the file (it stays on disk). */
  envFileGuidance: (files: string[]) => {
    const one = files.length === 1;
    return [
      `${files.join(', ')} ${one ? 'is an environment file: it holds' : 'are environment files: they hold'} secrets and should not be committed.`,
      `  Add ${one ? 'it' : 'them'} to .gitignore and take ${one ? 'it' : 'them'} out of the commit (the ${one ? 'file stays' : 'files stay'} on disk):`,
      `    echo ${files.map(gitignoreLine).join(' ')} >> .gitignore && git rm --cached -- ${files.map(shellWord).join(' ')}`,
      '  Commit an example file without values (.env.example) instead.',
    ];
  },

  envOnlyGuidance: (files: string[]): string[] => [
    'How to fix:',
    ...messages.envFileGuidance(files),
    '  If the token was ever pushed, shared or committed elsewhere, treat it as exposed: revoke it',
    '  in Segment and create a new one. Full runbook: npx seg-hook explain',
    'Bypass once (not recommended): SEG_HOOK_SKIP=1 git commit ...  or  git commit --no-verify',
  ],

  verifyPlaceholder:
    'standard input holds a placeholder (too regular to be a real token, e.g. sgp_xxxx…); it was not sent',

  rangeWithoutEnd: (range: string) =>
    `--range takes two commits, A..B; ${JSON.stringify(range)} alone would mean all of its history. For the commits after it: --range ${range}..HEAD; for all history: --history`,

  badArguments: (reason: string) => {
    const sentence = /[.?!]$/.test(reason) ? reason.replace(/\.+$/, '.') : `${reason}.`;
    return `seg-hook: ${sentence} See seg-hook --help.`;
  },

  blockedHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the staged changes. Commit blocked.`,

  warningHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} reported as warnings (not blocking).`,

  decodeBound: (place: string, bound: DecodeBound) =>
    `seg-hook: warning: ${place}: not decoded to the end (${DECODE_BOUND_REASONS[bound]}); the rest of the line was scanned as plain text. Check it for an encoded token by hand.`,
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
    'standard input does not hold a Segment Public API token (sgp_ + 16 or more letters/digits; a NAME=sgp_… line is fine too)',

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
    '  it with seg-hook baseline. A range is scanned with the policy of its base: such a change',
    '  made by the range itself blocks it, unless the base says "policyChanges": "warn".',
  ],

  rangeHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the commits being checked.`,

  pushHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the commits being pushed. Push blocked.`,

  pushGuidance: [
    'How to fix:',
    '  1. Rewrite the commits above so that none of them holds the token (git commit --amend for',
    '     the last one, git rebase -i for older ones), load it at run time instead, and push again.',
    '  2. If any of these commits already reached another remote or another person, revoke the',
    '     token in Segment and create a new one. Full runbook: npx seg-hook explain',
    'Not a real token? Add "seg-hook:allow" to the line, list the path in ignorePaths, or record',
    "  it with seg-hook baseline. A push is scanned with the remote's policy: such a change made",
    '  by the push itself blocks it, unless the remote side says "policyChanges": "warn".',
    'Bypass once (not recommended): SEG_HOOK_SKIP=1 git push ...  or  git push --no-verify',
  ],

  policyHeader: (trustedCommit: string, count: number) =>
    `seg-hook: the commits being checked change seg-hook's own policy (${count} ${count === 1 ? 'change' : 'changes'}). They were scanned with the policy of ${trustedCommit.slice(0, 12)}, the trusted side:`,

  policyFooter: [
    'A policy change applies to later changes once it is merged. To let this one through, change',
    '  the policy on the base branch first, or set "policyChanges": "warn" there.',
  ],

  policyRuleDescription:
    "A range or push changes seg-hook's configuration or baseline, or adds a seg-hook:allow marker on a line that holds a token. The scan used the policy of the trusted side (the base); this result shows the change for review.",

  policyUnreadable: (reason: string) => `the configuration cannot be read at the head (${reason})`,

  policyAllowMarker: 'new "seg-hook:allow" marker on a line that holds a token',

  policyBaselineChange: (added: number, removed: number) =>
    `baseline: adds ${added} ${added === 1 ? 'entry' : 'entries'}, removes ${removed}`,

  policyHides: (count: number, blocking: boolean) =>
    count === 0
      ? ''
      : ` — would hide ${count} ${count === 1 ? 'finding' : 'findings'}, reported ${blocking ? 'above and blocking' : 'above as a warning'}`,

  hiddenByNote: {
    config: "the range's configuration change would hide it",
    baseline: "the range's baseline change would hide it",
    'allow-marker': 'a seg-hook:allow marker added in the range would hide it',
  },

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

  /** Printed by every hook we write when the project's seg-hook needs node and PATH has none. */
  noNode: (gitCommand: 'commit' | 'push' = 'commit') =>
    `seg-hook: node was not found on PATH (common in GUI git clients, and when nvm, fnm or volta is not loaded), so this ${gitCommand} cannot be scanned and is blocked. Fix: put node on PATH in ~/.config/seg-hook/init.sh (README, Troubleshooting: node not found), or bypass once with SEG_HOOK_SKIP=1 or git ${gitCommand} --no-verify.`,

  /** Printed by the hook when the seg-hook (or node) recorded at install time is gone. */
  recordedGone: (
    script: string,
    node: string,
    gitCommand: 'commit' | 'push' = 'commit',
    fix = 'seg-hook install in this repository',
  ) =>
    `seg-hook: ${script} or ${node}, recorded by seg-hook install, no longer exists (uninstalled, or that Node.js version removed), so this ${gitCommand} cannot be scanned and is blocked. Fix: npm install -g seg-hook, then ${fix}; or bypass once with SEG_HOOK_SKIP=1 or git ${gitCommand} --no-verify.`,

  /** Printed by the machine-wide hook when git cannot say where the repository is. */
  globalNoRepository:
    "seg-hook: the machine-wide hook (install --global) cannot find this repository's hooks directory (git rev-parse --git-common-dir failed), so this cannot go on and is blocked. Bypass once with git --no-verify, or run seg-hook status here.",

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
  undo: (command: string, invoke = 'npx seg-hook') => `Undo with: ${invoke} ${command}`,

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
  /** An existing hook (or lint-staged) mentions seg-hook but does not demonstrably scan everything. */
  addedAnyway: (what: string, reason: string) =>
    `Note: ${what} mentions seg-hook, but ${reason}; so seg-hook's hook was added (a file scanned twice beats a file not scanned).`,
  npxWarning: (file: string, line: number, install = 'install') =>
    `Note: ${file} line ${line} runs seg-hook through npx: with stdin closed npx may download whatever is published under that name. Prefer node_modules/.bin/seg-hook, or remove that line and run seg-hook ${install}.`,
  lintStagedAlternative: (file: string) =>
    `Tip: ${file} runs lint-staged. Instead of this hook you can add "*": "seg-hook --staged" to lint-staged's configuration and run seg-hook uninstall; use one or the other, not both, so no file is scanned twice.`,
  lintStagedDouble: (config: string) =>
    `Note: lint-staged (${config}) also runs seg-hook; if lint-staged runs at commit time, remove one of the two so no file is scanned twice.`,
  huskyNotSetUp: (dir: string, install = 'install') =>
    `Note: ${dir} exists but git does not use it (core.hooksPath is not set to it): the hook went into the plain git hooks directory. If you set husky up later, run seg-hook ${install} again.`,
  leftAlone: (file: string) => `${file} was not written by seg-hook and is left alone.`,
  // seg-hook status
  statusHeader: (root: string) => `seg-hook status (${root}):`,
  statusAfterInstall: 'Check (seg-hook status):',
  statusLine: (hook: string, file: string, source: string) =>
    `${hook}: git runs ${file} (${source}).`,
  statusReach: (reach: string, gitCommand: string) =>
    reach === 'runs'
      ? 'seg-hook runs:'
      : reach === 'opted-out'
        ? 'seg-hook is switched off here:'
        : reach === 'blocks'
          ? `seg-hook cannot run, so every ${gitCommand} is blocked:`
          : `seg-hook does NOT run, so ${gitCommand === 'commit' ? 'commits are' : 'pushes are'} not scanned:`,
  sourceDefault: "git's default hooks directory",
  sourceHooksPath: (value: string, scope: string, origin: string) =>
    scope === 'local' || scope === 'worktree'
      ? `core.hooksPath ${value}, set in this repository`
      : `core.hooksPath ${value}, from your ${scope} git config ${origin}: hooks there run in every repository`,
  sourceHusky: (dir: string, version: number, scope?: string) =>
    `husky v${version}: core.hooksPath ${dir}${scope && scope !== 'local' && scope !== 'worktree' ? `, from your ${scope} git config` : ', set in this repository'}`,
  sourceGlobal: (dir: string) =>
    `seg-hook's machine-wide hooks, install --global: git's global core.hooksPath ${dir}`,
  noSuchFile: (file: string) => `there is no ${file}.`,
  notExecutable: (file: string) => `${file} is not executable, so git skips it.`,
  reachesLocal: (file: string, bin: string) => `${file} runs ${bin} (node from PATH).`,
  reachesRecorded: (file: string, script: string, node: string) =>
    `${file} runs ${script} with ${node}.`,
  reachesNothing: (file: string) =>
    `${file} is seg-hook's, but neither the project's node_modules/.bin/seg-hook nor a recorded seg-hook exists.`,
  reachesTheirs: (file: string, line: number) => `${file} runs seg-hook itself (line ${line}).`,
  reachesLintStaged: (file: string, config: string) =>
    `${file} runs lint-staged, which runs seg-hook on every staged file (${config}).`,
  doesNotReach: (file: string, reason: string) => `${file}: ${reason}.`,
  globalDoesNotScan: (hook: string) =>
    `the machine-wide hooks forward ${hook} to this repository's own hook without scanning.`,
  globalOverridden: (dir: string, value: string) =>
    `Note: seg-hook's machine-wide hooks (${dir}) do not run in this repository: its own core.hooksPath (${value}) overrides the global one. The lines above say whether this repository is protected anyway.`,
  optedOutStatus: (file: string) => `this repository opts out ("enabled": false in ${file}).`,

  globalInstalled: (dir: string, scans: string[], previous: string | null) =>
    `seg-hook: installed machine-wide (${scans.join(' and ')}): git's global core.hooksPath is now ${dir} (it was ${previous === null ? 'unset' : previous}). Every repository that does not set core.hooksPath itself runs seg-hook before each ${scans.map((s) => (s === 'pre-push' ? 'push' : 'commit')).join(' and ')}.`,
  globalUpToDate: (dir: string, scans: string[]) =>
    `seg-hook: already installed machine-wide (${scans.join(' and ')}) in ${dir} and up to date; nothing changed.`,
  globalRuns: (script: string, node: string, version: string) =>
    `The hooks run ${script} with ${node} (${version}), both recorded now (a repository's own node_modules is never run from them). If either is removed later, they block and say so; then run seg-hook install --global again.`,
  globalForwards: (count: number, previousDir: string) =>
    `All ${count} hooks git knows are forwarded, with their arguments and standard input, to ${previousDir === '' ? "each repository's own hooks (.git/hooks)" : previousDir}, after seg-hook's scan.`,
  globalOptOut:
    'A repository opts out by committing {"enabled": false} in its .seg-hookrc.json. A repository with its own core.hooksPath (husky) does not run these hooks: seg-hook status there says whether it is protected.',
  globalSetConfig: (dir: string) => `set git's global core.hooksPath to ${dir}`,
  globalRestoreConfig: (previous: string | null, done = false) =>
    previous === null
      ? `${done ? 'Unset' : 'unset'} git's global core.hooksPath${done ? ' (it was not set before install --global).' : ''}`
      : `${done ? 'Restored' : 'restore'} git's global core.hooksPath to ${previous}${done ? '.' : ''}`,
  globalConfigMoved: (value: string | null) =>
    `git's global core.hooksPath no longer points there (${value === null ? 'unset' : value}); it was left as it is.`,
  globalUninstalled: (dir: string) => `seg-hook: uninstalled the machine-wide hooks (${dir}).`,
  globalUninstalledOne: (hook: string, dir: string, dryRun: boolean) =>
    `seg-hook: ${dryRun ? 'would stop' : 'stopped'} scanning in the machine-wide ${hook} hook (${dir}); the hooks directory stays for the other hook.`,
  globalNotInstalled: (hook: string, dir: string) =>
    `seg-hook: the machine-wide ${hook} hook is not installed (${dir}); nothing changed.`,
  globalForeignFile: (file: string) =>
    `${file} exists and was not written by seg-hook install --global. Move it away and run install --global again; nothing was changed`,
  globalSeveralValues: (count: number) =>
    `your global git config sets core.hooksPath ${count} times (git uses the last); leave one and run the command again; nothing was changed`,
  /** `install` in one repository when the machine-wide hooks of seg-hook already cover it. */
  globalCovers: (dir: string) =>
    `seg-hook's machine-wide hooks (install --global, ${dir}) already run in this repository (seg-hook status shows what runs; seg-hook uninstall --global removes them)`,

  /** What the hook will run: the project's own seg-hook (node from PATH at commit time). */
  runsProjectBinary: (bin: string, node: string, version: string) =>
    `The hook runs ${bin} with the node on PATH at commit time (here: ${node}, ${version}); node must be on PATH where you commit (GUI clients: see Troubleshooting).`,
  /** What the hook will run: the seg-hook doing the install, recorded with its node. */
  runsRecorded: (script: string, node: string, version: string, bin: string) =>
    `The hook runs ${script} with ${node} (${version}), both recorded now; a ${bin} installed later runs instead. If either is removed later, the hook blocks and says so; then run seg-hook install again.`,
  npxCacheWarning: (script: string) =>
    `Note: ${script} is in npx's cache, which npm may clean at any time; install seg-hook for good (npm install -g seg-hook, or npm install -D seg-hook) and run install again.`,
} as const;

/**
 * ` (base64-encoded)`, ` (percent-encoded, then base64-encoded)`: how a token found under
 * encodings was written, innermost first as a reader would undo it last.
 */
/** Why the decoding stage stopped on a line (decode/stage.ts). */
const DECODE_BOUND_REASONS: Record<DecodeBound, string> = {
  budget: `its decoding budget of ${BUDGET_PER_CHAR} decoded characters per character was spent`,
  depth: `it holds encodings nested more than ${MAX_DEPTH} deep`,
};

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
  quotedPrintable: 'quoted-printable',
};
