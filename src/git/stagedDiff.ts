/** The staged diff: what the next commit would add, from the index git is committing. */
import { NEEDLE_ERE } from '../detect/findingNeedles';
import { PATCH_OPTIONS, QUOTE_PATH, readGit, startGit, StartedGit } from './streamGit';

/**
 * `-G<regex>` makes git print only the patches of files that add or remove a line matching
 * the needle pattern — a line without one can never produce a finding — so a large commit
 * costs little more than git's own diff.
 */
export function stagedDiffArgs(pathspecs: string[]): string[] {
  const pickaxe = NEEDLE_ERE;
  // --cached: index vs HEAD; on an unborn branch git compares with the empty tree.
  return [...QUOTE_PATH, 'diff', '--cached', ...PATCH_OPTIONS, `-G${pickaxe}`, '--', ...pathspecs];
}

/** A pathspec that matches exactly one repo-relative path, whatever characters it holds. */
export function literalPathspec(repoRelativePath: string): string {
  return `:(top,literal)${repoRelativePath}`;
}

/** Starts the staged diff; its output waits for `consume`. */
export function startStagedDiff(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): StartedGit {
  // The C locale makes git's regex match bytes: invalid UTF-8 in a file cannot hide a needle.
  return startGit(cwd, stagedDiffArgs(pathspecs), { ...env, LC_ALL: 'C' });
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

/**
 * Per staged file: its name and how many lines it adds. Spawned like the diff: the hot path
 * does not load simple-git at all (see git/repositoryRoot.ts).
 */
export function startStagedNumstat(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): StartedGit {
  return startGit(cwd, [...NUMSTAT_OPTIONS, '--', ...pathspecs], env);
}

/** Which of `pathspecs` name something in the index (NUL-separated names). */
export function readIndexedNames(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return readGit(cwd, ['ls-files', '--cached', '-z', '--', ...pathspecs], env);
}
