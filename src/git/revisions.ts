/** Resolving and validating revisions (small outputs; no streaming needed). */
import { GitCommands } from './repository';
import { ScanError } from '../errors';
import { messages } from '../report/messages';
import { gitFailure } from './gitErrors';
import { readGit } from './streamGit';

/** The commit id `revision` names, or null if it names no commit. */
export async function resolveCommit(git: GitCommands, revision: string): Promise<string | null> {
  try {
    const id = (
      await git.raw([
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${revision}^{commit}`,
      ])
    ).trim();
    return id === '' ? null : id;
  } catch (error) {
    const failure = gitFailure(error, 'git rev-parse');
    if (failure.kind === 'git-failed') return null;
    throw failure;
  }
}

export interface RangeEnds {
  /** The revision argument for git log (the range as given). */
  revision: string;
  /** The commit the range starts from: the trusted side, whose policy the scan uses. */
  base: string;
  /** The commit the range ends at. */
  head: string;
}

/**
 * `A..B` or `A...B`, as given to `--range`. Both ends must name commits (an empty end is HEAD,
 * as in git); nothing may look like an option (it would be handed to git log). A single
 * revision is refused: git would read it as all of its history, which is rarely what was meant.
 */
export async function validateRange(git: GitCommands, range: string): Promise<RangeEnds> {
  const ends = range.includes('...') ? range.split('...') : range.split('..');
  // A leading '^' negates: `--range ^B` would select no commit and pass silently.
  if (range.trim() === '' || ends.length > 2 || ends.some((end) => /^[-^]/.test(end))) {
    throw new ScanError(
      'bad-arguments',
      `--range takes A..B (two commits): ${JSON.stringify(range)}`,
    );
  }
  if (ends.length === 1) throw new ScanError('bad-arguments', messages.rangeWithoutEnd(range));
  const ids: string[] = [];
  for (const end of ends) {
    const id = await resolveCommit(git, end === '' ? 'HEAD' : end); // git reads '' as HEAD
    if (id === null) {
      throw new ScanError(
        'bad-arguments',
        `--range: ${JSON.stringify(end)} is not a commit in this repository`,
      );
    }
    ids.push(id);
  }
  return { revision: range, base: ids[0], head: ids[1] };
}

/** How many commits `revisions` select (`git rev-list --count`: cheap, no diffs), for progress. */
export async function countCommits(
  cwd: string,
  revisions: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  return Number((await readGit(cwd, ['rev-list', '--count', ...revisions, '--'], env)).trim());
}

/** The id of the empty tree in this repository's hash format (sha1 or sha256). Writes nothing. */
export async function emptyTreeId(git: GitCommands): Promise<string> {
  try {
    return (await git.raw(['hash-object', '-t', 'tree', '/dev/null'])).trim();
  } catch (error) {
    throw gitFailure(error, 'git hash-object');
  }
}
