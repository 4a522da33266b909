/**
 * The git commands of a staged scan and how their output is read:
 *   changes  every staged change's status (`--raw`, no content read), then the whole patch;
 *   diff     the -G patch of some changes, when the whole patch is not read;
 *   grep     the needle lines of new regular files: one single-threaded grep per core, each
 *            over an index of its own share of them;
 *   numstat  per-file line counts, only when the report shows counts (JSON, SARIF, GitHub).
 * changes and numstat start at once, with the repository lookup (see scanStaged.ts). Most
 * commits change a few files: the patch after the list is then the whole scan, from one git
 * process. A larger commit stops git once the list is read. Its new regular files are searched
 * by git grep (about twice as fast: every core, one regex run per file rather than per line)
 * and a -G diff covers the other changes, named by pathspecs (git applies -G before
 * --diff-filter, so a filter would not save the work); without new files, or when naming the
 * others would cost more (splitPlan.ts), the -G diff of everything: git then prints only the
 * patches of files that hold a needle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SegHookConfig } from '../config/config';
import { isScanError } from '../errors';
import { GrepToDiff } from '../diff/grepToDiff';
import { FileStat, parseNumstatZ } from '../diff/parseNumstat';
import { parseRawZ, RawChange } from '../diff/parseRaw';
import { RawSectionSplitter } from '../diff/rawSection';
import { readIndexEntryCount } from '../git/indexSize';
import { writeNewFileIndex } from '../git/newFileIndex';
import {
  isMissingPcre,
  RegexSyntax,
  startNewFileGrep,
  startStagedChanges,
  startStagedDiff,
  startStagedNumstat,
} from '../git/stagedDiff';
import { readAll, StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { createDiffScanner, DiffScanner } from './diffScanner';
import { scanStream } from './repositoryScan';
import { mergeResults } from './mergeResults';
import { grepGroups, planSplit, SplitPlan } from './splitPlan';

export interface StagedCommands {
  changes: StartedGit;
  numstat: StartedGit | null;
  cwd: string;
  pathspecs: string[];
  env: NodeJS.ProcessEnv;
}

export interface StagedOutput {
  result: ScanResult;
  changes: RawChange[];
  stats: FileStat[] | null;
}

/**
 * Up to this many changes, new files or not, the patch that follows the list is read whole:
 * a commit of a few files costs one git process (one new 20 MB file: ~330 ms, against ~410
 * through git grep). More, and git is stopped: new files are searched with git grep, which
 * uses every core, and the rest is read with -G (a commit of 1,800 modified files, 43 MB of
 * patch: 580 ms with -G, 780 ms read whole).
 */
export const MAX_CHANGES_READ_WHOLE = 64;

export function startStagedCommands(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv,
  counts: boolean,
): StagedCommands {
  return {
    changes: startStagedChanges(cwd, pathspecs, env),
    numstat: counts ? startStagedNumstat(cwd, pathspecs, env) : null,
    cwd,
    pathspecs,
    env,
  };
}

export function cancelStagedCommands(commands: StagedCommands): void {
  commands.changes.cancel();
  commands.numstat?.cancel();
}

export async function readStagedCommands(
  commands: StagedCommands,
  config: SegHookConfig,
  indexFile: string | null,
): Promise<StagedOutput> {
  const statsRead = commands.numstat ? readAll(commands.numstat).then(parseNumstatZ) : null;
  // Awaited below; if the changes fail first, numstat is cancelled and its rejection goes nowhere.
  statsRead?.catch(() => undefined);
  let read: ChangesRead;
  try {
    read = await readChanges(commands.changes, config, indexFile);
  } catch (error) {
    cancelStagedCommands(commands);
    throw error;
  }
  const { changes } = read;
  const scan =
    read.result ??
    (read.plan ? scanSplit(commands, read.plan, config) : scanFiltered(commands, config));
  const [stats, result] = await Promise.all([statsRead, scan]);
  return { result, changes, stats };
}

interface ChangesRead {
  changes: RawChange[];
  /** The scan of the whole patch, when it was read. */
  result: ScanResult | null;
  /** New files to search, when git was stopped for them. */
  plan: SplitPlan | null;
}

/**
 * Reads the list of changes and decides at its end, while git waits: read the patch that
 * follows (small commit), or stop git for a split or a -G diff. A stopped git is not waited
 * for: the next commands start at once (git takes a few ms to exit).
 */
async function readChanges(
  git: StartedGit,
  config: SegHookConfig,
  indexFile: string | null,
): Promise<ChangesRead> {
  const splitter = new RawSectionSplitter();
  const state: { read: ChangesRead | null; scanner: DiffScanner | null } = {
    read: null,
    scanner: null,
  };
  let markStopped = () => {};
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  /** Reads the list; returns the scanner for the patch that follows, or null (git stopped). */
  const decide = (raw: Buffer): DiffScanner | null => {
    const changes = parseRawZ(raw);
    if (changes.length <= MAX_CHANGES_READ_WHOLE) {
      state.read = { changes, plan: null, result: null };
      state.scanner = createDiffScanner(config, SCANNER);
    } else {
      state.read = { changes, plan: planFor(changes, indexFile), result: null };
      git.cancel();
      markStopped();
    }
    return state.scanner;
  };
  const consumed = git.consume((chunk) => {
    if (state.scanner) return state.scanner.push(chunk);
    if (state.read) return; // stopped: the rest is not needed
    const split = splitter.push(chunk);
    if (split === null) return;
    const scanner = decide(split.raw);
    if (split.rest.length > 0) scanner?.push(split.rest);
  });
  // Once git is stopped on purpose, its rejection is only the cancellation.
  consumed.catch(() => undefined);
  await Promise.race([consumed, stopped]);
  // Output that never reached a patch (no change at all) is all list.
  if (state.read === null) decide(splitter.end());
  return { ...(state.read as ChangesRead), result: state.scanner?.end() ?? null };
}

/** The index size is read only when there are new files to weigh against it. */
function planFor(changes: RawChange[], indexFile: string | null): SplitPlan | null {
  if (!changes.some((change) => change.status === 'A')) return null;
  return planSplit(changes, readIndexEntryCount(indexFile));
}

async function scanSplit(
  commands: StagedCommands,
  plan: SplitPlan,
  config: SegHookConfig,
): Promise<ScanResult> {
  const { cwd, env } = commands;
  const dir = makePrivateDir();
  // No temporary directory (TMPDIR missing or read-only): the -G diff of all, slower but whole.
  if (dir === null) return scanFiltered(commands, config);
  return inPrivateDir(dir, async () => {
    // Every index is written before any git starts, so a failed write leaves none running.
    let indexFiles: string[];
    try {
      indexFiles = grepGroups(plan.newFiles, availableParallelism()).map((group, index) => {
        const indexFile = join(dir, `index${index}`);
        writeNewFileIndex(indexFile, group);
        return indexFile;
      });
    } catch (error) {
      // git output we do not understand fails the scan; a file we cannot write (a full disk)
      // only costs the speed: the -G diff of all needs no file.
      if (isScanError(error)) throw error;
      return scanFiltered(commands, config);
    }
    const running: StartedGit[] = [];
    const scans = indexFiles.map((indexFile) => grepGroup(cwd, indexFile, env, config, running));
    if (plan.others) scans.push(scanDiff(cwd, plan.others, env, config, true, running));
    return mergeResults(await allOrNone(scans, running));
  });
}

/**
 * Every scan's result; at the first failure, the git commands still running are stopped, and
 * the failure is passed on once all have ended (their index files are removed only then).
 */
async function allOrNone(
  scans: Promise<ScanResult>[],
  running: StartedGit[],
): Promise<ScanResult[]> {
  try {
    return await Promise.all(scans);
  } catch (error) {
    for (const git of running) git.cancel();
    await Promise.allSettled(scans);
    throw error;
  }
}

/** The -G diff of every change: git prints only the patches that hold a needle. */
function scanFiltered(commands: StagedCommands, config: SegHookConfig): Promise<ScanResult> {
  return scanDiff(commands.cwd, commands.pathspecs, commands.env, config, false, []);
}

function scanDiff(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv,
  config: SegHookConfig,
  namesFromGit: boolean,
  running: StartedGit[],
): Promise<ScanResult> {
  const diff = startStagedDiff(cwd, pathspecs, env, namesFromGit);
  running.push(diff);
  return scanStream(config, (onChunk) => diff.consume(onChunk), SCANNER);
}

/** Risky-file warnings come from raw's list of every change (stagedSummary.ts). */
const SCANNER = { riskyFiles: false };

/** One share of the new files (see grepGroups), searched with -P, or -E when git lacks PCRE. */
async function grepGroup(
  cwd: string,
  indexFile: string,
  env: NodeJS.ProcessEnv,
  config: SegHookConfig,
  running: StartedGit[],
): Promise<ScanResult> {
  try {
    return await grepNewFiles(cwd, indexFile, env, config, 'perl', running);
  } catch (error) {
    // Nothing was read when -P is refused: git checks the pattern before any file.
    if (!isMissingPcre(error)) throw error;
    return grepNewFiles(cwd, indexFile, env, config, 'extended', running);
  }
}

function grepNewFiles(
  cwd: string,
  indexFile: string,
  env: NodeJS.ProcessEnv,
  config: SegHookConfig,
  syntax: RegexSyntax,
  running: StartedGit[],
): Promise<ScanResult> {
  return scanStream(
    config,
    async (onChunk) => {
      const converter = new GrepToDiff();
      const grep = startNewFileGrep(cwd, indexFile, env, syntax);
      running.push(grep);
      await grep.consume((chunk) => {
        const patch = converter.push(chunk);
        if (patch.length > 0) onChunk(patch);
      });
      converter.end();
    },
    SCANNER,
  );
}

/** A new directory only this user can read, under the system's temporary directory. */
function makePrivateDir(): string | null {
  try {
    return mkdtempSync(join(tmpdir(), 'seg-hook-'));
  } catch {
    return null;
  }
}

/** Runs `use`, and removes `dir` afterwards (also when the process exits early, on a signal). */
async function inPrivateDir<T>(dir: string, use: () => Promise<T>): Promise<T> {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  try {
    return await use();
  } finally {
    process.removeListener('exit', remove);
    remove();
  }
}
