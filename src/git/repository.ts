/** simple-git, set up for our commands that are not on the hook's hot path (ranges, history, install). */
import { simpleGit, SimpleGit } from 'simple-git';
import { gitEnvironment } from './environment';

export function createGit(cwd: string, env: NodeJS.ProcessEnv = process.env): SimpleGit {
  const gitEnv = gitEnvironment(env);
  return simpleGit({
    baseDir: cwd,
    // Every variable we pass went through gitEnvironment(); simple-git also guards non-GIT_
    // names (EDITOR, PAGER, PREFIX …) and would refuse to run if they were not listed.
    allowEnvironment: Object.keys(gitEnv),
    unsafe: TRUST_USER_ENVIRONMENT,
    // Finish on 'close' only: simple-git's default also arms a 50 ms timer at 'exit', which
    // keeps the process alive ~40 ms after its work is done.
    completion: { onClose: true, onExit: false },
  }).env(gitEnv);
}

/**
 * simple-git 4 refuses to run when the environment names an editor, pager, askpass program,
 * config path or config entry (EDITOR, VISUAL, PAGER, SSH_ASKPASS, GIT_CONFIG_GLOBAL,
 * GIT_CONFIG_KEY_n=core.pager …): a guard for apps that pass untrusted input to git. Ours is
 * the user's own environment (or git's, inside a hook) and our arguments are fixed, so every
 * category is allowed; otherwise anyone with EDITOR set could not commit.
 */
const TRUST_USER_ENVIRONMENT = {
  allowUnsafeAlias: true,
  allowUnsafeAskPass: true,
  allowUnsafeCommandBinaries: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeDiffTextConv: true,
  allowUnsafeEditor: true,
  allowUnsafeExec: true,
  allowUnsafeFilter: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeGitProxy: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeHooksPath: true,
  allowUnsafeInclude: true,
  allowUnsafeMergeDriver: true,
  allowUnsafePack: true,
  allowUnsafePager: true,
  allowUnsafeProtocolOverride: true,
  allowUnsafeSshCommand: true,
  allowUnsafeSubmodule: true,
  allowUnsafeTemplateDir: true,
  allowUnsafeUrlRewrite: true,
} as const;
