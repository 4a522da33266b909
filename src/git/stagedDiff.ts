/** The staged diff: what the next commit would add, from the index git is committing. */
import { needlePcre } from '../detect/findingNeedles';
import { PATCH_OPTIONS, QUOTE_PATH, readGit, startGit, StartedGit } from './streamGit';

/**
 * The whole patch of the staged changes `pathspecs` name. (A -G filter by the needles was
 * dropped: git's POSIX engine matches them slower than the patch is read.)
 */
function stagedDiffArgs(pathspecs: string[], namesFromGit = false): string[] {
  const exact = namesFromGit ? EXACT_NAMES : [];
  // --cached: index vs HEAD; on an unborn branch git compares with the empty tree.
  return [...QUOTE_PATH, ...exact, 'diff', '--cached', ...PATCH_OPTIONS, '--', ...pathspecs];
}

/**
 * For pathspecs made from names git itself listed: match them byte for byte. With
 * core.precomposeUnicode (macOS) git would turn a decomposed name into its composed form and
 * miss an index entry stored decomposed; with core.ignoreCase it would also match other
 * entries. (A user's own path arguments keep git's usual treatment.)
 */
const EXACT_NAMES = ['-c', 'core.precomposeUnicode=false', '-c', 'core.ignoreCase=false'];

/** A pathspec that matches exactly one repo-relative path, whatever characters it holds. */
export function literalPathspec(repoRelativePath: string): string {
  return `:(top,literal)${repoRelativePath}`;
}

/** Starts the staged diff; its output waits for `consume`. */
export function startStagedDiff(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
  namesFromGit = false,
): StartedGit {
  // The C locale: the same bytes, whatever the user's locale.
  return startGit(cwd, stagedDiffArgs(pathspecs, namesFromGit), { ...env, LC_ALL: 'C' });
}

/**
 * The lines holding a needle in the staged version of new regular files. Every line of a new
 * file is an added line, so this finds what the diff would, but git grep runs the regex once
 * per file instead of once per line: about twice as fast on a commit of thousands of new
 * files. It searches an index holding only its share of those files (git/newFileIndex.ts): no
 * pathspecs, whose cost grows with index entries x names. Each option pins what a user
 * setting could change.
 */
function newFileGrepArgs(): string[] {
  return [
    'grep',
    // grep.threads. One thread: the scan runs one grep per core (scan/splitPlan.ts grepGroups),
    // and a threaded grep spends much of its time waiting on the object store.
    '--threads=1',
    '--cached', // the index given in GIT_INDEX_FILE: the new files alone
    '-z', // names verbatim, NUL after the name and after the line number
    '-n', // grep.lineNumber
    '-H', // a name on every line, even for one file
    '--full-name', // grep.fullName: names from the top, whatever the cwd
    '--no-column', // grep.column
    '--no-color', // color.grep
    '--text', // .gitattributes binary / -diff: search every file as text, as the diff does
    // The lines around a match: an encoder's wrapped line goes on in the next (a token's
    // base64 spans two lines of `base64` output), and the scanner joins them.
    '--before-context=1',
    '--after-context=2',
    '--no-recurse-submodules', // submodule.recurse
    '-P', // grep.patternType / grep.extendedRegexp
    '-e',
    needlePcre(), // the lines the scanner's fast lane keeps (encodedNeedles.test.ts)
    '--',
    ':(top)', // without a pathspec git grep searches only below the working directory
  ];
}

export function startNewFileGrep(
  cwd: string,
  indexFile: string,
  env: NodeJS.ProcessEnv = process.env,
): StartedGit {
  // Exit code 1 is "no line matched"; a blob git cannot read is only an error message.
  return startGit(
    cwd,
    newFileGrepArgs(),
    { ...env, LC_ALL: 'C', GIT_INDEX_FILE: indexFile },
    {
      successCodes: [0, 1],
      stderrMeansFailure: true,
    },
  );
}

/** git's answer to -P when it was built without PCRE: then the patch is read whole. */
export function isMissingPcre(error: unknown): boolean {
  return /USE_LIBPCRE|Perl-compatible/i.test(String((error as Error | undefined)?.message));
}

/**
 * Every staged change's statuses, modes and ids (`--raw -z`, which git prints before any
 * patch and without reading file content), then the whole patch, unfiltered. The staged scan
 * reads the list, then either keeps reading the patch (a small commit: one git process in
 * all) or stops git and chooses cheaper commands (see scan/stagedCommands.ts).
 */
export function startStagedChanges(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): StartedGit {
  const args = [...QUOTE_PATH, 'diff', '--cached', '--raw', '-z', '--no-abbrev', '-p'];
  // The C locale: the same bytes, whatever the user's locale.
  return startGit(cwd, [...args, ...PATCH_OPTIONS, '--', ...pathspecs], { ...env, LC_ALL: 'C' });
}

/** Counts only: no -U (it implies a patch), the same rename, text and relative rules. */
const NUMSTAT_OPTIONS = [
  'diff',
  '--cached',
  '--numstat',
  '-z',
  '--no-ext-diff',
  '--no-textconv',
  '--text',
  '--no-relative',
  '-M',
  '--diff-filter=d',
];

/** Per staged file: its name and how many lines it adds. */
export function startStagedNumstat(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
  namesFromGit = false,
): StartedGit {
  const exact = namesFromGit ? EXACT_NAMES : [];
  return startGit(cwd, [...exact, ...NUMSTAT_OPTIONS, '--', ...pathspecs], env);
}

/** Which of `pathspecs` name something in the index (NUL-separated names). */
export function readIndexedNames(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return readGit(cwd, ['ls-files', '--cached', '-z', '--', ...pathspecs], env);
}
