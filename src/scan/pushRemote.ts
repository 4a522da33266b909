/** What the pre-push scan knows of the remote being pushed to: its tracking refs, its side. */
import { ScanError } from '../errors';
import { readGit } from '../git/streamGit';
import { isNewBranch, PushUpdate } from './prePushUpdates';

/**
 * The commits `refs/remotes/<remote>/*` point at, when `remote` is a configured remote's
 * name; [] when it is a URL or unknown (then nothing is assumed to be on the remote).
 */
export async function remoteTrackingCommits(
  cwd: string,
  remote: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  if (!remote) return [];
  const remotes = (await readGit(cwd, ['remote'], env)).split('\n');
  if (!remotes.includes(remote)) return [];
  const listing = await readGit(
    cwd,
    ['for-each-ref', '--format=%(objectname)', `refs/remotes/${remote}/`],
    env,
  );
  return [...new Set(listing.split('\n').filter((line) => line !== ''))];
}

/**
 * The commit on the remote's side whose policy the push is scanned with: the old commit of
 * the pushed ref when we have it, else the newest commit of the pushed history that one of
 * the remote's tracking refs reaches (a new branch); null when no such commit is known.
 */
export async function trustedPushBase(
  cwd: string,
  pushed: PushUpdate,
  knownRemoteShas: ReadonlySet<string>,
  trackingCommits: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  if (!isNewBranch(pushed) && knownRemoteShas.has(pushed.remoteSha)) return pushed.remoteSha;
  if (trackingCommits.length === 0) return null;
  try {
    const base = await readGit(cwd, ['merge-base', pushed.localSha, ...trackingCommits], env);
    return base.trim().split('\n')[0] || null;
  } catch (error) {
    // merge-base exits 1 when the histories share no commit.
    if (error instanceof ScanError && error.kind === 'git-failed') return null;
    throw error;
  }
}
