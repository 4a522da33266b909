/** Resolving and validating revisions (small outputs; no streaming needed). */
import { GitCommands } from './repository';
import { ScanError } from '../errors';
import { gitFailure } from './gitErrors';

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

/**
 * `A..B`, `A...B` or a single revision, as given to `--range`. Both ends must name commits;
 * nothing may look like an option (it would be handed to git log).
 */
export async function validateRange(git: GitCommands, range: string): Promise<string> {
  const ends = range.includes('...') ? range.split('...') : range.split('..');
  // A leading '^' negates: `--range ^B` would select no commit and pass silently.
  if (range.trim() === '' || ends.length > 2 || ends.some((end) => /^[-^]/.test(end))) {
    throw new ScanError(
      'bad-arguments',
      `--range takes A..B (two commits): ${JSON.stringify(range)}`,
    );
  }
  for (const end of ends) {
    if (end === '') continue; // git reads an empty end as HEAD
    if ((await resolveCommit(git, end)) === null) {
      throw new ScanError(
        'bad-arguments',
        `--range: ${JSON.stringify(end)} is not a commit in this repository`,
      );
    }
  }
  return range;
}

/** The id of the empty tree in this repository's hash format (sha1 or sha256). Writes nothing. */
export async function emptyTreeId(git: GitCommands): Promise<string> {
  try {
    return (await git.raw(['hash-object', '-t', 'tree', '/dev/null'])).trim();
  } catch (error) {
    throw gitFailure(error, 'git hash-object');
  }
}
