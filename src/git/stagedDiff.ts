/**
 * Streams the staged diff (what the next commit would add) out of git.
 *
 * simple-git buffers a command's whole output before handing it over (its executor concats
 * stdout), which would make memory grow with the size of the commit. The diff is therefore the
 * one command spawned directly, with an argument array (no shell) and the same environment
 * policy as our simple-git calls; it is consumed as it arrives.
 */
import { spawn } from 'node:child_process';
import { gitEnvironment } from './environment';
import { fromGitStderr, gitFailure } from './gitErrors';

/**
 * Every option here pins down something a user's configuration could otherwise change
 * (see design.md, "Reading the staged diff correctly").
 */
export function stagedDiffArgs(pathspecs: string[]): string[] {
  return [
    '-c',
    'core.quotePath=true', // non-ASCII names always arrive as octal escapes
    'diff',
    '--cached', // index vs HEAD; on an unborn branch git compares with the empty tree
    '--no-color', // color.ui=always
    '--no-ext-diff', // diff.external, GIT_EXTERNAL_DIFF, diff drivers
    '--no-textconv', // textconv filters
    '--text', // .gitattributes binary / -diff
    '--src-prefix=a/', // diff.noprefix, diff.mnemonicPrefix
    '--dst-prefix=b/',
    '--no-relative', // diff.relative
    '-M', // diff.renames=false: a pure rename must add nothing
    '--unified=0', // diff.context: only changed lines
    '--inter-hunk-context=0', // diff.interHunkContext would merge hunks with context lines
    '--submodule=short', // diff.submodule=log|diff would inline a submodule's history
    '--diff-filter=d', // deleted files add nothing
    '--',
    ...pathspecs,
  ];
}

/** A pathspec that matches exactly one repo-relative path, whatever characters it holds. */
export function literalPathspec(repoRelativePath: string): string {
  return `:(top,literal)${repoRelativePath}`;
}

/**
 * Runs `git diff --cached …` and hands each stdout chunk to `onChunk` as it arrives. Resolves
 * when git exits successfully; rejects with a ScanError otherwise.
 */
export function streamStagedDiff(
  cwd: string,
  pathspecs: string[],
  onChunk: (chunk: Buffer) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', stagedDiffArgs(pathspecs), {
      cwd,
      env: gitEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      child.kill();
      reject(gitFailure(error, 'git diff'));
    };
    child.on('error', fail);
    child.stderr.on('data', (data: Buffer) => {
      if (stderr.length < 65536) stderr += data.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        onChunk(chunk);
      } catch (error) {
        fail(error);
      }
    });
    child.on('close', (code, signal) => {
      if (failed) return;
      if (code === 0) resolve();
      else {
        failed = true;
        reject(fromGitStderr(stderr || `git diff exited with ${signal ?? code}`, 'git diff'));
      }
    });
  });
}
