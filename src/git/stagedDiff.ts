/** The staged diff: what the next commit would add, from the index git is committing. */
import { SimpleGit } from 'simple-git';
import { gitFailure } from './gitErrors';
import { PATCH_OPTIONS, QUOTE_PATH, streamGit } from './streamGit';

/**
 * `-G<regex>` makes git print only the patches of files that add or remove a line matching
 * one of the needles — a line without one can never produce a finding — so a large commit
 * costs little more than git's own diff. `needles` are plain ASCII words.
 */
export function stagedDiffArgs(pathspecs: string[], needles: readonly string[]): string[] {
  const pickaxe = needles.map((needle) => needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // --cached: index vs HEAD; on an unborn branch git compares with the empty tree.
  return [...QUOTE_PATH, 'diff', '--cached', ...PATCH_OPTIONS, `-G${pickaxe}`, '--', ...pathspecs];
}

/** A pathspec that matches exactly one repo-relative path, whatever characters it holds. */
export function literalPathspec(repoRelativePath: string): string {
  return `:(top,literal)${repoRelativePath}`;
}

export function streamStagedDiff(
  cwd: string,
  pathspecs: string[],
  needles: readonly string[],
  onChunk: (chunk: Buffer) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  // The C locale makes git's regex match bytes: invalid UTF-8 in a file cannot hide a needle.
  return streamGit(cwd, stagedDiffArgs(pathspecs, needles), onChunk, { ...env, LC_ALL: 'C' });
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

/** Per staged file: its name and how many lines it adds (a small output: simple-git fits). */
export async function readStagedNumstat(git: SimpleGit, pathspecs: string[]): Promise<string> {
  try {
    return await git.raw([...NUMSTAT_OPTIONS, '--', ...pathspecs]);
  } catch (error) {
    throw gitFailure(error, 'git diff --numstat');
  }
}
