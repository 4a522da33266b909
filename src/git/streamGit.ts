/**
 * The one way seg-hook spawns git: an argument array (no shell), the environment filtered by
 * gitEnvironment(), stdout streamed chunk by chunk (a diff or a history can be larger than
 * memory) or read whole for small answers (readGit), and a failure turned into a ScanError
 * with one line of git's reason. See docs/design.md, "How seg-hook talks to git".
 */
import { ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { gitEnvironment } from './environment';
import { ScanError } from '../errors';
import { fromGitStderr, gitFailure } from './gitErrors';

export function streamGit(
  cwd: string,
  args: string[],
  onChunk: (chunk: Buffer) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return startGit(cwd, args, env).consume(onChunk);
}

/** A git process that is already running, its output held back until someone consumes it. */
export interface StartedGit {
  /** Hands stdout to `onChunk` from now on; resolves when git exits with 0. Call it once. */
  consume(onChunk: (chunk: Buffer) => void): Promise<void>;
  /** Stops git and drops its output (the scan failed, or needs no more of it); consume rejects. */
  cancel(): void;
}

export interface StartOptions {
  /** Exit codes that mean success (git grep exits 1 when nothing matches). */
  successCodes?: readonly number[];
  /**
   * Any message on stderr is a failure: git grep reports an object it cannot read on stderr
   * and still exits 0 or 1, which would pass a file unread.
   */
  stderrMeansFailure?: boolean;
  /** Written to git's stdin, which is then closed (otherwise stdin is empty). */
  input?: Buffer;
  /**
   * A non-zero exit with nothing on stderr is an answer, not a failure: how `git config --get`
   * says "not set" and `git rev-parse --verify --quiet` "no such commit".
   */
  silentExitIsAnswer?: boolean;
}

/**
 * Spawns git now; its stdout stays paused until `consume`. The hook starts its git commands
 * while it is still reading the configuration, so git's work overlaps Node's instead of
 * following it. A paused pipe makes git wait once the pipe is full: memory stays bounded.
 */
export function startGit(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): StartedGit {
  const successCodes = options.successCodes ?? [0];
  const what = `git ${args.find((arg) => !arg.startsWith('-') && !arg.includes('=')) ?? ''}`.trim();
  const child = spawn('git', args, {
    cwd,
    env: gitEnvironment(env),
    stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
  if (child.stdin) {
    // A git that exits before reading it all fails by its exit code; the broken pipe says no more.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
  }
  let stderr = '';
  let failure: ScanError | null = null;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  let settle: ((outcome: ScanError | null) => void) | null = null;
  const finish = () => settle?.(failure ?? exitFailure());
  const exitFailure = (): ScanError | null => {
    if (!exit) return null;
    const silentAnswer = options.silentExitIsAnswer && exit.code !== null && stderr.trim() === '';
    if (exit.code === null || (!successCodes.includes(exit.code) && !silentAnswer)) {
      return fromGitStderr(stderr || `${what} exited with ${exit.signal ?? exit.code}`, what);
    }
    return options.stderrMeansFailure && stderr.trim() !== '' ? fromGitStderr(stderr, what) : null;
  };
  const fail = (error: unknown) => {
    if (failure) return;
    failure = gitFailure(error, what);
    child.kill();
    finish();
  };
  child.on('error', fail);
  child.stderr.on('data', (data: Buffer) => {
    if (stderr.length < 65536) stderr += data.toString('utf8');
  });
  child.on('close', (code, signal) => {
    exit = { code, signal };
    finish();
  });
  // Listening from the start: Node drains and drops the output of an exited child that nobody
  // listens to. Until `consume`, a chunk is held and the stream paused, so at most about a
  // pipe's worth of output waits here.
  const held: Buffer[] = [];
  let sink: ((chunk: Buffer) => void) | null = null;
  const deliver = (chunk: Buffer) => {
    if (failure) return;
    try {
      sink?.(chunk);
    } catch (error) {
      fail(error);
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    if (sink) return deliver(chunk);
    held.push(chunk);
    child.stdout.pause();
  });
  return {
    consume(onChunk) {
      return new Promise<void>((resolve, reject) => {
        settle = (outcome) => {
          settle = null;
          if (outcome) reject(outcome);
          else resolve();
        };
        sink = onChunk;
        for (const chunk of held.splice(0)) deliver(chunk);
        if (failure || exit) return finish();
        child.stdout.resume();
      });
    },
    cancel() {
      failure ??= new ScanError('git-failed', `${what} was cancelled`);
      child.kill();
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}

/** The whole output of a git command whose output is small (names, counts, one path). */
export async function readGit(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): Promise<string> {
  return readAll(startGit(cwd, args, env, options));
}

/** All of a started command's (small) output as text. */
export async function readAll(git: StartedGit): Promise<string> {
  const chunks: Buffer[] = [];
  await git.consume((chunk) => chunks.push(chunk));
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
  '-O/dev/null', // diff.orderFile: files in path order, as the new-file search reports them
];

/** Non-ASCII names always arrive as octal escapes, whatever core.quotePath says. */
export const QUOTE_PATH = ['-c', 'core.quotePath=true'];
