/** The staged diff: what the next commit would add, from the index git is committing. */
import { PATCH_OPTIONS, QUOTE_PATH, streamGit } from './streamGit';

export function stagedDiffArgs(pathspecs: string[]): string[] {
  // --cached: index vs HEAD; on an unborn branch git compares with the empty tree.
  return [...QUOTE_PATH, 'diff', '--cached', ...PATCH_OPTIONS, '--', ...pathspecs];
}

/** A pathspec that matches exactly one repo-relative path, whatever characters it holds. */
export function literalPathspec(repoRelativePath: string): string {
  return `:(top,literal)${repoRelativePath}`;
}

export function streamStagedDiff(
  cwd: string,
  pathspecs: string[],
  onChunk: (chunk: Buffer) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return streamGit(cwd, stagedDiffArgs(pathspecs), onChunk, env);
}
