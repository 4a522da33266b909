/** The staged diff: what the next commit would add, from the index git is committing. */
import { NEEDLE_ERE } from '../detect/findingNeedles';
import { PATCH_OPTIONS, QUOTE_PATH, readGit, startGit, StartedGit } from './streamGit';

/**
 * `-G<regex>` makes git print only the patches of files that add or remove a line matching
 * the needle pattern — a line without one can never produce a finding — so a large commit
 * costs little more than git's own diff.
 */
function stagedDiffArgs(pathspecs: string[], namesFromGit = false): string[] {
  const pickaxe = NEEDLE_ERE;
  const exact = namesFromGit ? EXACT_NAMES : [];
  // --cached: index vs HEAD; on an unborn branch git compares with the empty tree.
  return [
    ...QUOTE_PATH,
    ...exact,
    'diff',
    '--cached',
    ...PATCH_OPTIONS,
    `-G${pickaxe}`,
    '--',
    ...pathspecs,
  ];
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
  // The C locale makes git's regex match bytes: invalid UTF-8 in a file cannot hide a needle.
  return startGit(cwd, stagedDiffArgs(pathspecs, namesFromGit), { ...env, LC_ALL: 'C' });
}

/**
 * The lines holding a needle in the staged version of new regular files. Every line of a new
 * file is an added line, so this finds what the diff would, but git grep reads the files on
 * all cores and runs the regex once per file instead of once per line: about twice as fast
 * on a commit of thousands of new files. Each option pins what a user setting could change.
 */
function newFileGrepArgs(pathspecs: string[]): string[] {
  return [
    ...EXACT_NAMES, // the pathspecs are names from git diff --raw
    'grep',
    '--cached', // the index git is committing (GIT_INDEX_FILE), not the work tree
    '-z', // names verbatim, NUL after the name and after the line number
    '-n', // grep.lineNumber
    '-H', // a name on every line, even for one file
    '--full-name', // grep.fullName: names from the top, whatever the cwd
    '--no-column', // grep.column
    '--no-color', // color.grep
    '--text', // .gitattributes binary / -diff: search every file as text, as the diff does
    '--no-recurse-submodules', // submodule.recurse
    '-E', // grep.patternType / grep.extendedRegexp: the same POSIX ERE as -G
    '-e',
    NEEDLE_ERE,
    '--',
    ...pathspecs,
  ];
}

export function startNewFileGrep(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): StartedGit {
  // Exit code 1 is "no line matched"; a blob git cannot read is only an error message.
  return startGit(
    cwd,
    newFileGrepArgs(pathspecs),
    { ...env, LC_ALL: 'C' },
    {
      successCodes: [0, 1],
      stderrMeansFailure: true,
    },
  );
}

/** Statuses, modes and ids of the staged changes: no file content is read. */
export function startStagedRaw(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): StartedGit {
  return startGit(cwd, [...RAW_OPTIONS, '--', ...pathspecs], env);
}

const RAW_OPTIONS = [
  'diff',
  '--cached',
  '--raw',
  '-z',
  '--no-abbrev', // full ids, to recognise the empty file
  '--no-ext-diff',
  '--no-relative',
  '-M', // as the patch: a renamed file is not a new file
  '--diff-filter=d',
];

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

/**
 * Per staged file: its name and how many lines it adds. Spawned like the diff: the hot path
 * does not load simple-git at all (see git/repositoryRoot.ts).
 */
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
