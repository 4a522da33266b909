/**
 * The work tree's top level and index file. In the plain layout they are read from the file
 * system (discoverRepository.ts); otherwise git is asked (streamGit.ts, like every git call).
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverRepository } from './discoverRepository';
import { readGit } from './streamGit';

export async function readRepositoryRoot(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return (await readGit(cwd, ['rev-parse', '--show-toplevel'], env)).replace(/\n$/, '');
}

export interface RepositoryLocation {
  root: string;
  /** The index file git is using (GIT_INDEX_FILE, a worktree's own index), or null if unknown. */
  indexFile: string | null;
}

/** The top level and the index file: from the file system when plain, else from git. */
export async function readRepositoryLocation(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RepositoryLocation> {
  return discoverRepository(cwd, env) ?? askGitForLocation(cwd, env);
}

/** The top level and the index file from one git process. */
export async function askGitForLocation(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RepositoryLocation> {
  // --git-path honours GIT_INDEX_FILE (the temporary index of `git commit -a`) and worktrees.
  const output = await readGit(cwd, ['rev-parse', '--show-toplevel', '--git-path', 'index'], env);
  const lines = output.split('\n');
  if (lines.length === 3 && lines[2] === '') {
    // Relative to git's working directory: the physical one (a symlinked cwd resolved).
    return { root: lines[0], indexFile: resolve(realpathSync.native(cwd), lines[1]) };
  }
  // A path holding a newline: ask for the root alone; the index stays unknown.
  return { root: await readRepositoryRoot(cwd, env), indexFile: null };
}
