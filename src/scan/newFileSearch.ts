/**
 * The large-commit route with new files (see splitPlan.ts): the new regular files are searched
 * by git grep, one single-threaded grep per core, each over an index of its own share of them
 * (git/newFileIndex.ts), while a -G diff covers the other changes. git grep runs the regex once
 * per file rather than once per line, on every core: about twice as fast as the -G diff of
 * everything (npm run bench (b)), which stays the fallback when the index files cannot be made.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SegHookConfig } from '../config/config';
import { GrepToDiff } from '../diff/grepToDiff';
import { writeNewFileIndex } from '../git/newFileIndex';
import { inPrivateDir, makePrivateDir } from '../git/privateDir';
import { isMissingPcre, RegexSyntax, startNewFileGrep } from '../git/stagedDiff';
import { StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { mergeResults } from './mergeResults';
import { scanPickaxeDiff, scanPickaxeDiffOfAll, StagedScope } from './pickaxeDiff';
import { scanStream } from './repositoryScan';
import { grepGroups, SplitPlan } from './splitPlan';
import { STAGED_SCANNER } from './stagedSummary';

export async function scanNewFilesApart(
  scope: StagedScope,
  plan: SplitPlan,
  config: SegHookConfig,
): Promise<ScanResult> {
  const dir = makePrivateDir();
  // No temporary directory (TMPDIR missing or read-only): the -G diff of all, slower but whole.
  if (dir === null) return scanPickaxeDiffOfAll(scope, config);
  return inPrivateDir(dir, async () => {
    const groups = grepGroups(plan.newFiles, availableParallelism());
    const indexFiles = groups.map((_, index) => join(dir, `index${index}`));
    // Every index is written before any grep starts. One git cannot write its index (a full
    // disk): the -G diff of all needs no file, and covers every change.
    const written = await Promise.allSettled(
      groups.map((group, index) =>
        writeNewFileIndex(scope.cwd, indexFiles[index], group, scope.env),
      ),
    );
    if (written.some((outcome) => outcome.status === 'rejected')) {
      return scanPickaxeDiffOfAll(scope, config);
    }
    const running: StartedGit[] = [];
    const scans = indexFiles.map((indexFile) => grepGroup(scope, indexFile, config, running));
    if (plan.others) scans.push(scanPickaxeDiff(scope, plan.others, config, true, running));
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

/** One share of the new files, searched with -P, or -E when git lacks PCRE. */
async function grepGroup(
  scope: StagedScope,
  indexFile: string,
  config: SegHookConfig,
  running: StartedGit[],
): Promise<ScanResult> {
  try {
    return await grepNewFiles(scope, indexFile, config, 'perl', running);
  } catch (error) {
    // Nothing was read when -P is refused: git checks the pattern before any file.
    if (!isMissingPcre(error)) throw error;
    return grepNewFiles(scope, indexFile, config, 'extended', running);
  }
}

function grepNewFiles(
  scope: StagedScope,
  indexFile: string,
  config: SegHookConfig,
  syntax: RegexSyntax,
  running: StartedGit[],
): Promise<ScanResult> {
  return scanStream(
    config,
    async (onChunk) => {
      const converter = new GrepToDiff();
      const grep = startNewFileGrep(scope.cwd, indexFile, scope.env, syntax);
      running.push(grep);
      await grep.consume((chunk) => {
        const patch = converter.push(chunk);
        if (patch.length > 0) onChunk(patch);
      });
      converter.end();
    },
    STAGED_SCANNER,
  );
}
