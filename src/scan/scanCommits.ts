/** Scans of committed history: `--range`, the pre-push hook, `--history`, and the tracked tree. */
import type { GitCommands } from '../git/repository';
import { mergeDiffMode, streamCommitPatches } from '../git/commitPatches';
import { createGit } from '../git/repository';
import { emptyTreeId, resolveCommit, validateRange } from '../git/revisions';
import { PATCH_OPTIONS, QUOTE_PATH, streamGit } from '../git/streamGit';
import { CommitInfo } from '../types';
import { isNewBranch, parsePrePushInput, pushRevisions } from './prePushUpdates';
import {
  openRepository,
  Repository,
  RepositoryOptions,
  RepositoryScan,
  scanGitStream,
} from './repositoryScan';

export interface CommitScanOptions extends RepositoryOptions {
  onCommit?(commit: CommitInfo): void;
}

/** Every commit in `range`, commit by commit: a token added and removed inside it still counts. */
export async function scanRange(
  range: string,
  options: CommitScanOptions = {},
): Promise<RepositoryScan> {
  const repository = await openRepository(options);
  const git = createGit(repository.cwd, repository.env);
  const revision = await validateRange(git, range);
  return scanCommitLog(repository, git, [revision], true, options);
}

/** Every commit reachable from any ref (branches, tags, remotes, stash), newest first. */
export async function scanHistory(options: CommitScanOptions = {}): Promise<RepositoryScan> {
  const repository = await openRepository(options);
  const git = createGit(repository.cwd, repository.env);
  return scanCommitLog(repository, git, ['--all'], false, options);
}

/** The commits a push would add to the remote, from the pre-push hook's standard input. */
export async function scanPush(
  stdinText: string,
  options: CommitScanOptions = {},
): Promise<RepositoryScan> {
  const repository = await openRepository(options);
  const updates = parsePrePushInput(stdinText);
  const git = createGit(repository.cwd, repository.env);
  const known = new Set<string>();
  for (const update of updates) {
    if (isNewBranch(update) || known.has(update.remoteSha)) continue;
    if ((await resolveCommit(git, update.remoteSha)) !== null) known.add(update.remoteSha);
  }
  const revisions = pushRevisions(updates, known);
  if (revisions === null)
    return scanGitStream(repository, async () => undefined, { commits: true });
  return scanCommitLog(repository, git, revisions, true, options);
}

/** Every line of every file in HEAD (for making a baseline of what is already committed). */
export async function scanTrackedTree(options: RepositoryOptions = {}): Promise<RepositoryScan> {
  const repository = await openRepository(options);
  const git = createGit(repository.cwd, repository.env);
  const head = await resolveCommit(git, 'HEAD');
  if (head === null) return scanGitStream(repository, async () => undefined);
  const empty = await emptyTreeId(git);
  const args = [...QUOTE_PATH, 'diff', ...PATCH_OPTIONS, empty, head, '--'];
  return scanGitStream(repository, (onChunk) =>
    streamGit(repository.cwd, args, onChunk, repository.env),
  );
}

async function scanCommitLog(
  repository: Repository,
  git: GitCommands,
  revisions: string[],
  reverse: boolean,
  options: CommitScanOptions,
): Promise<RepositoryScan> {
  const merges = await mergeDiffMode(git);
  return scanGitStream(
    repository,
    (onChunk) =>
      streamCommitPatches(repository.cwd, revisions, { reverse, merges }, onChunk, repository.env),
    { commits: true, onCommit: options.onCommit },
  );
}
