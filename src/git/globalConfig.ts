/**
 * The global (and system) core.hooksPath, read and written through git itself, so that
 * GIT_CONFIG_GLOBAL, XDG_CONFIG_HOME and `~` expansion behave exactly as they do for git.
 */
import { createGit } from './repository';

export interface ConfiguredHooksPath {
  /** Exactly as written in the file. */
  value: string;
  /** With `~/` expanded, as git uses it. */
  expanded: string;
}

export async function readHooksPath(
  scope: 'global' | 'system',
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<ConfiguredHooksPath[]> {
  const git = createGit(cwd, env);
  const raw = await git.raw(['config', `--${scope}`, '-z', '--get-all', 'core.hooksPath']);
  const expanded = await git.raw([
    'config',
    `--${scope}`,
    '-z',
    '--type=path',
    '--get-all',
    'core.hooksPath',
  ]);
  const values = splitZ(raw);
  const paths = splitZ(expanded);
  return values.map((value, index) => ({ value, expanded: paths[index] ?? value }));
}

export async function writeGlobalHooksPath(
  value: string | null,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const git = createGit(cwd, env);
  if (value === null) await git.raw(['config', '--global', '--unset-all', 'core.hooksPath']);
  else await git.raw(['config', '--global', 'core.hooksPath', value]);
}

function splitZ(output: string): string[] {
  return output.split('\0').slice(0, -1);
}
