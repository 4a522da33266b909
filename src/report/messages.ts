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

/**
 * What a failure stops: the commit (a run from the pre-commit hook), the push (pre-push), or
 * nothing (a run by hand: there is no commit to speak of).
 */
export type Blocked = 'commit' | 'push' | null;

/** How the report speaks: the command that runs seg-hook here, and whether a hook runs it. */
export interface Speaker {
  /** `npx seg-hook`, `seg-hook`, or the path of the running binary. */
  command: string;
  /** Run by the pre-commit hook: a commit is blocked, and can be bypassed. */
  fromHook: boolean;
}

const BYPASS_COMMIT =
  'Bypass once (not recommended): SEG_HOOK_SKIP=1 git commit ...  or  git commit --no-verify';

function cannotScan(reason: string, blocked: Blocked): string {
  const consequence = blocked
    ? ` The ${blocked} is blocked; bypass once with SEG_HOOK_SKIP=1 git ${blocked} ... or git ${blocked} --no-verify.`
    : '';
  return `seg-hook: cannot scan: ${reason}.${consequence}`;
}

/** A file name as one shell word (single-quoted when it needs to be). */
export function shellWord(file: string): string {
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
  internalError: (detail: string, blocked: Blocked) =>
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

  envOnlyGuidance: (files: string[], { command, fromHook }: Speaker): string[] => [
    'How to fix:',
    ...messages.envFileGuidance(files),
    '  If the token was ever pushed, shared or committed elsewhere, treat it as exposed: revoke it',
    `  in Segment and create a new one. Full runbook: ${command} explain`,
    ...(fromHook ? [BYPASS_COMMIT] : []),
  ],

  verifyPlaceholder:
    'standard input holds a placeholder (too regular to be a real token, e.g. sgp_xxxx…); it was not sent',

  rangeWithoutEnd: (range: string) =>
    `--range takes two commits, A..B; ${JSON.stringify(range)} alone would mean all of its history. For the commits after it: --range ${range}..HEAD; for all history: --history`,

  badArguments: (reason: string) => {
    const sentence = /[.?!]$/.test(reason) ? reason.replace(/\.+$/, '.') : `${reason}.`;
    return `seg-hook: ${sentence} See seg-hook --help.`;
  },

  blockedHeader: (count: number, fromHook: boolean) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the staged changes.${fromHook ? ' Commit blocked.' : ''}`,

  warningHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} reported as warnings (not blocking).`,

  decodeBound: (place: string, bound: DecodeBound) =>
    `seg-hook: warning: ${place}: not decoded to the end (${DECODE_BOUND_REASONS[bound]}); the rest of the line was scanned as plain text. Check it for an encoded token by hand.`,
  riskyFile: (file: string) =>
    `seg-hook: warning: ${file} is being committed; files like it usually hold secrets and belong in .gitignore (riskyFileWarnings: false in .seg-hookrc.json turns this off).`,

  activeHeader: (count: number) =>
    `ACTIVE: ${count === 1 ? 'this token works' : `${count} of these tokens work`} against Segment's API. Revoke ${count === 1 ? 'it' : 'them'} now:`,

  activeSteps: (command: string) => [
    '  - Segment > Settings > Workspace settings > Access Management > Tokens: delete the token.',
    '  - Review the audit trail for what it was used for; create a least-privilege replacement.',
    `  - Full runbook: ${command} explain`,
  ],

  verifyUsage:
    'pipe the token on standard input, e.g. printf %s "$TOKEN" | seg-hook verify (never pass it as an argument: other users can see arguments)',

  verifyNotAToken:
    'standard input does not hold a Segment Public API token (sgp_ + 16 or more letters/digits; a NAME=sgp_… line is fine too)',

  verifySourcegraphToken:
    'standard input holds a Sourcegraph access token (sgp_ + hex), not a Segment token; it was not sent',

  notVerified: 'not a Segment Public API token; not sent',

  sarifHelp: (command: string) =>
    `Remove the token from the file and load it at run time (environment variable or secrets manager). If it was ever pushed or shared, revoke it in Segment (Settings > Workspace settings > Access Management > Tokens), audit the access logs, and create a least-privilege replacement. Run \`${command} explain\` for the full runbook.`,

  sarifHelpMarkdown: (command: string) =>
    [
      '**Remove the token** from the file and load it at run time (environment variable or secrets manager).',
      '',
      'If it was ever pushed or shared, treat it as compromised:',
      '1. Revoke it in Segment (Settings > Workspace settings > Access Management > Tokens).',
      '2. Audit the access logs for the exposure window.',
      '3. Create a least-privilege replacement and update the systems that use it.',
      '',
      `Run \`${command} explain\` for the full runbook.`,
    ].join('\n'),

  historyHeader: (count: number, distinct: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} (${distinct} distinct) found in committed history.`,

  historySeen: (first: string, last: string) => `First seen ${first}, last seen ${last}.`,

  historyGuidance: (command: string) => [
    'What to do:',
    '  1. Revoke and rotate every token above in Segment now. A token that was ever committed is',
    '     exposed to everyone who cloned or forked the repository, whatever is rewritten later.',
    '  2. Audit Segment access logs for the whole period between "first seen" and revocation.',
    '  3. Then, if your policy requires it, purge the token from history with git filter-repo',
    '     (e.g. git filter-repo --replace-text <file listing the tokens>). Caveats: it rewrites every',
    '     later commit id, everyone must re-clone, and forks, pull-request refs, CI caches and',
    '     mirrors keep the old objects. Purging never replaces revocation.',
    // Plain `baseline` records the tree at HEAD: a token only in history needs --history.
    `  4. Accepted findings (already revoked tokens) can be recorded with ${command} baseline --history.`,
    `  Full runbook: ${command} explain`,
  ],

  rangeGuidance: (command: string) => [
    'How to fix:',
    '  1. The commits above contain the token: rewrite them before they are shared',
    '     (git commit --amend for the last one, git rebase -i for older ones) so the token is in',
    '     none of them, and load it at run time instead (environment or a secrets manager).',
    '  2. If any of these commits was already pushed or shared, revoke the token in Segment and',
    `     create a new one. Full runbook: ${command} explain`,
    'Not a real token? Add "seg-hook:allow" to the line, list the path in ignorePaths, or record',
    `  it with ${command} baseline. A range is scanned with the policy of its base: such a change`,
    '  made by the range itself blocks it, unless the base says "policyChanges": "warn".',
  ],

  rangeHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the commits being checked.`,

  pushHeader: (count: number) =>
    `seg-hook: ${count} ${count === 1 ? 'token' : 'tokens'} found in the commits being pushed. Push blocked.`,

  pushGuidance: (command: string) => [
    'How to fix:',
    '  1. Rewrite the commits above so that none of them holds the token (git commit --amend for',
    '     the last one, git rebase -i for older ones), load it at run time instead, and push again.',
    '  2. If any of these commits already reached another remote or another person, revoke the',
    `     token in Segment and create a new one. Full runbook: ${command} explain`,
    'Not a real token? Add "seg-hook:allow" to the line, list the path in ignorePaths, or record',
    `  it with ${command} baseline. A push is scanned with the remote's policy: such a change made`,
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

  /** Step 1 (loadAdvice) fits the files; the rest depends on how seg-hook was run. */
  guidance: (step1: string[], { command, fromHook }: Speaker): string[] => [
    'How to fix:',
    ...step1,
    `  2. Re-stage the files (git add <file>) and ${fromHook ? 'commit again' : 'commit'}.`,
    '  3. If the token was ever pushed, shared or committed elsewhere, treat it as exposed:',
    `     revoke it in Segment and create a new one. Full runbook: ${command} explain`,
    'Not a real token? Add "seg-hook:allow" to the line, or list the path in ignorePaths',
    '  in .seg-hookrc.json.',
    ...(fromHook ? [BYPASS_COMMIT] : []),
  ],
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
