/**
 * Runs a git command whose output can be large (diffs, patches of history) and hands each
 * stdout chunk to `onChunk` as it arrives.
 *
 * simple-git buffers a command's whole output before handing it over (its executor concats
 * stdout), which would make memory grow with the size of a commit or a history. These
 * commands are therefore spawned directly, with an argument array (no shell) and the same
 * environment policy as our simple-git calls.
 */
import { spawn } from 'node:child_process';
import { gitEnvironment } from './environment';
import { fromGitStderr, gitFailure } from './gitErrors';

export function streamGit(
  cwd: string,
  args: string[],
  onChunk: (chunk: Buffer) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const what = `git ${args.find((arg) => !arg.startsWith('-') && !arg.includes('=')) ?? ''}`.trim();
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
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
      reject(gitFailure(error, what));
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
        reject(fromGitStderr(stderr || `${what} exited with ${signal ?? code}`, what));
      }
    });
  });
}

/** The whole output of a git command whose output is small (names, counts, one path). */
export async function readGit(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const chunks: Buffer[] = [];
  await streamGit(cwd, args, (chunk) => chunks.push(chunk), env);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Patch options shared by every diff we read. Each one pins down something a user's
 * configuration could otherwise change (see design.md, "Reading the staged diff correctly").
 */
export const PATCH_OPTIONS = [
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
];

/** Non-ASCII names always arrive as octal escapes, whatever core.quotePath says. */
export const QUOTE_PATH = ['-c', 'core.quotePath=true'];
