/** Scans of committed history: `--range`, the pre-push hook, `--history`, and the tracked tree. */
import { readOptOut } from '../config/optOut';
import type { GitCommands } from '../git/repository';
import { mergeDiffMode, streamCommitPatches } from '../git/commitPatches';
import { readRepositoryLocation } from '../git/repositoryRoot';
import { createGit } from '../git/repository';
import { countCommits, emptyTreeId, resolveCommit, validateRange } from '../git/revisions';
import { PATCH_OPTIONS, QUOTE_PATH, streamGit } from '../git/streamGit';
import { readPolicyAt } from '../policy/policy';
import { HeadPolicy, applyRangePolicy } from '../policy/policyChanges';
import { readExplicitPolicy } from '../policy/explicitPolicy';
import { CommitInfo } from '../types';
import { isDeletion, isNewBranch, parsePrePushInput, pushRevisions } from './prePushUpdates';
import { remoteTrackingCommits, trustedPushBase } from './pushRemote';
import {
  openRepository,
  optedOutScan,
  Repository,
  RepositoryOptions,
  RepositoryScan,
  scanGitStream,
  scanStream,
} from './repositoryScan';

export interface CommitScanOptions extends RepositoryOptions {
  onCommit?(commit: CommitInfo): void;
  /** Given, the commits to scan are counted first (one `git rev-list --count`), for progress. */
  onTotal?(total: number): void;
}

/**
 * Every commit in `range`, commit by commit: a token added and removed inside it still counts.
 * The policy is the base's (the trusted side); every change the range makes to it is reported.
 */
export async function scanRange(
  range: string,
  options: CommitScanOptions = {},
): Promise<RepositoryScan> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const { root } = await readRepositoryLocation(cwd, env);
  const git = createGit(cwd, env);
  const ends = await validateRange(git, range);
  if (options.onTotal) options.onTotal(await countCommits(cwd, [ends.revision], env));
  return scanWithTrustedPolicy(
    { cwd, env, root },
    git,
    [ends.revision],
    { trusted: ends.base, head: ends.head },
    options,
  );
}

/** Every commit reachable from any ref (branches, tags, remotes, stash), newest first. */
export async function scanHistory(options: CommitScanOptions = {}): Promise<RepositoryScan> {
  const repository = await openRepository(options);
  const git = createGit(repository.cwd, repository.env);
  if (options.onTotal)
    options.onTotal(await countCommits(repository.cwd, ['--all'], repository.env));
  return scanCommitLog(repository, git, ['--all'], false, options);
}

export interface PushScanOptions extends CommitScanOptions {
  /** The remote git passes to the hook: a configured remote's name, or a URL. */
  remote?: string;
}

/**
 * The commits a push would add to the remote, from the pre-push hook's standard input: what
 * is reachable from the pushed commits and not from this remote's own tracking refs nor from
 * the old commits git names. The policy is the remote's side's when one is known.
 */
export async function scanPush(
  stdinText: string,
  options: PushScanOptions = {},
): Promise<RepositoryScan> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const updates = parsePrePushInput(stdinText);
  const { root } = await readRepositoryLocation(cwd, env);
  // The opt-out is the work tree's, as for the staged hook: it switches this repository's
  // hooks off (a bad configuration there is reported by the scan below, not here).
  const optOut = await readOptOut(root, options.configPath);
  if (optOut !== null) return optedOutScan(await openRepository(options), optOut);
  const git = createGit(cwd, env);
  const known = new Set<string>();
  for (const update of updates) {
    if (isNewBranch(update) || known.has(update.remoteSha)) continue;
    if ((await resolveCommit(git, update.remoteSha)) !== null) known.add(update.remoteSha);
  }
  const tracking = await remoteTrackingCommits(cwd, options.remote, env);
  const revisions = pushRevisions(updates, known, tracking);
  if (revisions === null) {
    const repository = await openRepository(options);
    return scanGitStream(repository, async () => undefined, { commits: true });
  }
  const pushed = updates.find((update) => !isDeletion(update));
  const trusted = pushed && (await trustedPushBase(cwd, pushed, known, tracking, env));
  if (!pushed || !trusted) {
    // Nothing on the remote's side is known (a first push, a push to a URL): the committer's
    // own work tree policy, as for the staged hook.
    const repository = await openRepository(options);
    return scanCommitLog(repository, git, revisions, true, options);
  }
  return scanWithTrustedPolicy(
    { cwd, env, root },
    git,
    revisions,
    { trusted, head: pushed.localSha },
    options,
  );
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

interface Place {
  cwd: string;
  env: NodeJS.ProcessEnv;
  root: string;
}

/**
 * Scans `revisions` with the policy of the `trusted` commit (or the explicit --config and
 * --baseline), reporting the changes the `head` commit and the scanned lines make to it.
 */
async function scanWithTrustedPolicy(
  place: Place,
  git: GitCommands,
  revisions: string[],
  sides: { trusted: string; head: string },
  options: CommitScanOptions,
): Promise<RepositoryScan> {
  const explicit = await readExplicitPolicy(place.root, options);
  const trusted = await readPolicyAt(place.cwd, sides.trusted, place.env, explicit);
  const head: HeadPolicy | null =
    sides.head === sides.trusted
      ? null
      : await readPolicyAt(place.cwd, sides.head, place.env, explicit).catch((error: Error) => ({
          error: error.message,
        }));
  const merges = await mergeDiffMode(git);
  const scanned = await scanStream(
    trusted.config,
    (onChunk) =>
      streamCommitPatches(place.cwd, revisions, { reverse: true, merges }, onChunk, place.env),
    { commits: true, onCommit: options.onCommit, reportAllowed: true },
  );
  const result = applyRangePolicy(scanned, trusted, head, sides.trusted);
  return { ...result, root: place.root, config: trusted.config };
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
