/**
 * What a push sends, from the lines git writes to a pre-push hook's standard input
 * (githooks(5)): `<local ref> <local sha> <remote ref> <remote sha>`.
 */
import { ScanError } from '../errors';

export interface PushUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const ZERO_ID = /^0+$/;

export function parsePrePushInput(text: string): PushUpdate[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const fields = line.split(' ');
      const [localRef, localSha, remoteRef, remoteSha] = fields;
      if (fields.length !== 4 || !OBJECT_ID.test(localSha) || !OBJECT_ID.test(remoteSha)) {
        throw new ScanError(
          'bad-arguments',
          `unexpected pre-push input line: ${JSON.stringify(line.slice(0, 200))}`,
        );
      }
      return { localRef, localSha, remoteRef, remoteSha };
    });
}

export const isDeletion = (update: PushUpdate) => ZERO_ID.test(update.localSha);
export const isNewBranch = (update: PushUpdate) => ZERO_ID.test(update.remoteSha);

/**
 * git log revisions for the commits the push would add to the remote: everything reachable
 * from the pushed commits and not from the remote's old commits (those we have) nor from the
 * commits this remote's tracking refs point at. Only this remote's: a commit that reached
 * another remote (a private one, with --no-verify) is still new to this one. When nothing of
 * the remote is known (a push to a URL, a remote never fetched), everything reachable from
 * the pushed commits is scanned. Deletions add nothing. Null when nothing is pushed.
 */
export function pushRevisions(
  updates: PushUpdate[],
  knownRemoteShas: ReadonlySet<string>,
  remoteTrackingCommits: readonly string[],
): string[] | null {
  const pushed = updates.filter((update) => !isDeletion(update));
  if (pushed.length === 0) return null;
  const include = [...new Set(pushed.map((update) => update.localSha))];
  const exclude = new Set(
    pushed
      .filter((update) => !isNewBranch(update) && knownRemoteShas.has(update.remoteSha))
      .map((update) => update.remoteSha),
  );
  for (const commit of remoteTrackingCommits) exclude.add(commit);
  return [...include, '--not', ...exclude];
}
