/** Patches of many commits in one stream (`git log -p`), for range, pre-push and history scans. */
import { COMMIT_MARKER_FORMAT } from '../diff/commitMarker';
import { GitCommands } from './repository';
import { PATCH_OPTIONS, QUOTE_PATH, streamGit } from './streamGit';

/**
 * In `git log`, --diff-filter also drops every commit that adds nothing (deletions only, empty
 * commits, merges) from the stream, so those went uncounted in commitsScanned and the progress.
 * Here deletions stay in, as bare headers (-D: no removed lines), and every commit is listed.
 */
const LOG_PATCH_OPTIONS = [
  ...PATCH_OPTIONS.filter((option) => !option.startsWith('--diff-filter=')),
  '--irreversible-delete',
];

export interface LogOptions {
  /** Oldest first (range and pre-push scans read like a story); newest first otherwise. */
  reverse?: boolean;
  /**
   * How merge commits are read. 'remerge' (git 2.36+) diffs a merge against git's own
   * automatic merge of its parents: exactly the lines the merge's author added by hand (an
   * "evil merge"), nothing the merged branches already brought. 'off' for older git.
   */
  merges?: 'remerge' | 'off';
}

/** `revisions` are git revision arguments we built or validated (none starts with '-' unless ours). */
export function commitLogArgs(revisions: string[], options: LogOptions = {}): string[] {
  return [
    ...QUOTE_PATH,
    'log',
    COMMIT_MARKER_FORMAT,
    '-p',
    '--root', // log.showRoot=false would hide the first commit's patch
    `--diff-merges=${options.merges ?? 'remerge'}`, // log.diffMerges
    '--no-show-signature', // log.showSignature would print gpg output between patches
    ...(options.reverse ? ['--reverse'] : []),
    ...LOG_PATCH_OPTIONS,
    ...revisions,
    '--',
  ];
}

export function streamCommitPatches(
  cwd: string,
  revisions: string[],
  options: LogOptions,
  onChunk: (chunk: Buffer) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return streamGit(cwd, commitLogArgs(revisions, options), onChunk, env);
}

/** 'remerge' when this git has --diff-merges=remerge (2.36+), else 'off'. */
export async function mergeDiffMode(git: GitCommands): Promise<'remerge' | 'off'> {
  try {
    const match = /(\d+)\.(\d+)/.exec(await git.raw(['version']));
    if (!match) return 'off';
    const [major, minor] = [Number(match[1]), Number(match[2])];
    return major > 2 || (major === 2 && minor >= 36) ? 'remerge' : 'off';
  } catch {
    return 'off';
  }
}
