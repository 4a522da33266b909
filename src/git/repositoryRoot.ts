/**
 * The work tree's top level, for the hook's hot path. Spawned directly like the diff: loading
 * simple-git (and, through its debug dependency, Node's tty and readline modules) costs about
 * as much as the rest of a small commit's scan, on every commit. simple-git stays the tool for
 * the less frequent commands (ranges, history, install).
 */
import { readGit } from './streamGit';

export async function readRepositoryRoot(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return (await readGit(cwd, ['rev-parse', '--show-toplevel'], env)).replace(/\n$/, '');
}
