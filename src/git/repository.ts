/** Repository discovery, through simple-git. */
import { simpleGit, SimpleGit } from 'simple-git';
import { gitEnvironment, gitVariableNames } from './environment';
import { gitFailure } from './gitErrors';

export function createGit(cwd: string, env: NodeJS.ProcessEnv = process.env): SimpleGit {
  const gitEnv = gitEnvironment(env);
  return simpleGit({
    baseDir: cwd,
    allowEnvironment: gitVariableNames(gitEnv),
    // These variables come from the user's own environment (or from git itself, inside a hook),
    // not from untrusted input: GIT_CONFIG_GLOBAL / GIT_CONFIG_COUNT must keep working.
    unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true },
  }).env(gitEnv);
}

/** Absolute path of the work tree's top level, from any directory inside it. */
export async function findRepositoryRoot(git: SimpleGit): Promise<string> {
  try {
    return (await git.revparse(['--show-toplevel'])).trim();
  } catch (error) {
    throw gitFailure(error, 'git rev-parse');
  }
}
