/**
 * Whether a staged scan searches its new files with git grep and diffs the rest, or keeps the
 * single diff. Pure: decided from git's list of changes and the size of the index.
 *
 * The new files reach git grep through an index of their own (stagedDiff.ts), not as
 * arguments: any number of them costs one grep. The other changes are named to the second
 * diff as pathspecs, and git matches every index entry against every pathspec, so naming
 * files costs (index entries x names): past a fixed budget the single diff is kept.
 */
import { isNewRegularFile, isEmptyBlob, namesOf, RawChange } from '../diff/parseRaw';
import { literalPathspec } from '../git/stagedDiff';

/** index entries x pathspecs that git may compare (~100 ms of git's time at this size). */
export const MAX_PATHSPEC_WORK = 16_000_000;
/** At most this many other changes are named for the second diff. */
export const MAX_OTHER_CHANGES = 64;
/** Arguments per git command: well inside every platform's limit (Windows: 32,767 chars). */
export const MAX_ARGUMENT_BYTES = 24 * 1024;
/**
 * At most this many git grep processes at once: git grep's own default number of threads.
 * (Measured on 2 cores only, where one grep per core was fastest: see grepGroups.)
 */
export const MAX_GREPS = 8;
/** A grep process costs a few ms to start: one more grep for each this many files. */
export const MIN_FILES_PER_GREP = 32;

export interface SplitPlan {
  /** New regular files, searched with git grep. */
  newFiles: RawChange[];
  /** Pathspecs of the other changes, for the diff; null when nothing else changed. */
  others: string[] | null;
}

export function planSplit(changes: RawChange[], indexEntries: number | null): SplitPlan | null {
  // A symlink or submodule (git grep reads regular files only), or a name Node cannot pass
  // back to git, stays in the diff. An empty new file has nothing to find.
  const newFiles: RawChange[] = [];
  const rest: RawChange[] = [];
  // One pass (this runs on every change of a large commit, before any search can start).
  for (const change of changes) {
    if (change.status === 'A' && isEmptyBlob(change.newId)) continue;
    if (isNewRegularFile(change) && change.exactName) newFiles.push(change);
    else rest.push(change);
  }
  if (newFiles.length === 0) return null;
  if (rest.length === 0) return { newFiles, others: null };
  if (rest.length > MAX_OTHER_CHANGES) return null;
  const names = rest.flatMap(namesOf);
  if (!names.every(({ exact }) => exact)) return null;
  if (indexEntries === null || indexEntries * names.length > MAX_PATHSPEC_WORK) return null;
  const others = names.map(({ name }) => literalPathspec(name));
  return bytesOf(others) <= MAX_ARGUMENT_BYTES ? { newFiles, others } : null;
}

function bytesOf(args: string[]): number {
  return args.reduce((sum, arg) => sum + Buffer.byteLength(arg) + 1, 0);
}

/**
 * The new files split among single-threaded git greps, one per core (at most MAX_GREPS, and
 * each with at least MIN_FILES_PER_GREP files). One git grep with threads contends for the object
 * store (2,000 new files, 2 cores: 157 ms wall, 290 ms CPU); two single-threaded greps over
 * halves take 118 ms and 227 ms (in the hook: 214 ms in all, against 219 and 225 with three
 * and four greps, which then compete with Node). Files are dealt round-robin in git's order,
 * so groups of similar files (a directory of minified bundles) spread over all of them.
 */
export function grepGroups<T>(files: T[], cores: number): T[][] {
  const count = Math.max(
    1,
    Math.min(cores, MAX_GREPS, Math.floor(files.length / MIN_FILES_PER_GREP)),
  );
  const groups: T[][] = Array.from({ length: count }, () => []);
  files.forEach((file, index) => groups[index % count].push(file));
  return groups;
}
