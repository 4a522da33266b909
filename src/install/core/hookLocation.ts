/**
 * Where git looks for hooks, asked of git itself: `.git/hooks`, core.hooksPath (relative to
 * the work tree top), a linked worktree's common directory, a submodule's `.git/modules/…`.
 */
import { ScanError } from '../../errors';
import { createGit } from '../../git/repository';
import { readRepositoryRoot } from '../../git/repositoryRoot';

export interface HooksPathSetting {
  value: string;
  /** git's config scope: local, worktree, global, system or command. */
  scope: string;
  /** The file (or "command line") the value came from. */
  origin: string;
}

export interface HookLocation {
  worktreeRoot: string;
  hooksDir: string;
  hooksPath: HooksPathSetting | null;
  /** The main worktree's top (the hook uses its node_modules from a fresh linked worktree). */
  mainWorktree: string | null;
}

export async function locateHooks(cwd: string, env: NodeJS.ProcessEnv): Promise<HookLocation> {
  let worktreeRoot: string;
  try {
    worktreeRoot = await readRepositoryRoot(cwd, env);
  } catch (error) {
    const reason = error instanceof ScanError ? error.message : String(error);
    throw new ScanError('install-failed', `cannot find the git repository: ${reason}`);
  }
  // From the top: a relative core.hooksPath is relative to where git runs hooks.
  const git = createGit(worktreeRoot, env);
  try {
    const hooksDir = (
      await git.raw(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'])
    ).trim();
    const setting = await git.raw([
      'config',
      '--show-scope',
      '--show-origin',
      '--get',
      'core.hooksPath',
    ]);
    const worktrees = await git.raw(['worktree', 'list', '--porcelain']);
    const main = /^worktree (.*)$/m.exec(worktrees);
    return {
      worktreeRoot,
      hooksDir,
      hooksPath: parseSetting(setting),
      mainWorktree: main ? main[1] : null,
    };
  } catch (error) {
    const text = String((error as Error)?.message ?? error).split('\n')[0];
    throw new ScanError('install-failed', `cannot ask git where hooks go: ${text}`);
  }
}

/** `git config --show-scope --show-origin --get` output: "scope<TAB>origin<TAB>value". */
export function parseSetting(output: string): HooksPathSetting | null {
  const line = output.replace(/\r?\n$/, '');
  if (line === '') return null;
  const [scope, origin, ...value] = line.split('\t');
  return { scope, origin: origin.replace(/^file:/, ''), value: value.join('\t') };
}

/** Hooks set up outside this repository's own config would run for other repositories too. */
export function isSharedSetting(setting: HooksPathSetting | null): boolean {
  return setting !== null && setting.scope !== 'local' && setting.scope !== 'worktree';
}
