/**
 * A repository's small git commands (revisions, the version, hook and config paths), as one
 * handle that callers pass around. They are spawned like every other git call (streamGit.ts):
 * one environment policy and one error path for the whole program.
 */
import { readGit } from './streamGit';

export interface GitCommands {
  /**
   * git's whole output for `args`. Like a shell's `$(git …)`, a non-zero exit with nothing on
   * stderr is an answer (usually empty): `config --get` of an unset key, `rev-parse --verify
   * --quiet` of a name that is no commit. Any other failure rejects with a ScanError.
   */
  raw(args: string[]): Promise<string>;
}

export function createGit(cwd: string, env: NodeJS.ProcessEnv = process.env): GitCommands {
  return { raw: (args) => readGit(cwd, args, env, { silentExitIsAnswer: true }) };
}
