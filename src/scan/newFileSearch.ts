/**
 * The large-commit route with new files (see splitPlan.ts): the new regular files are searched
 * by git grep, one single-threaded grep per core, each over an index of its own share of them
 * (git/newFileIndex.ts), while the patch of the other changes is read whole. git grep runs the
 * regex once per file rather than once per line, on every core: faster than the patch of
 * everything (npm run bench (b)), which stays the fallback when the index files cannot be
 * made or git was built without PCRE.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SegHookConfig } from '../config/config';
import { GrepToDiff } from '../diff/grepToDiff';
import { writeNewFileIndex } from '../git/newFileIndex';
import { inPrivateDir, makePrivateDir } from '../git/privateDir';
import { isMissingPcre, startNewFileGrep } from '../git/stagedDiff';
import { StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { mergeResults } from './mergeResults';
import { scanPatch, scanPatchOfAll, StagedScope } from './patchScan';
import { scanStream } from './repositoryScan';
import { grepGroups, SplitPlan } from './splitPlan';
import { STAGED_SCANNER } from './stagedSummary';

export async function scanNewFilesApart(
  scope: StagedScope,
  plan: SplitPlan,
  config: SegHookConfig,
): Promise<ScanResult> {
  const dir = makePrivateDir();
  // No temporary directory (TMPDIR missing or read-only): the patch of all, slower but whole.
  if (dir === null) return scanPatchOfAll(scope, config);
  return inPrivateDir(dir, async () => {
    const groups = grepGroups(plan.newFiles, availableParallelism());
    const indexFiles = groups.map((_, index) => join(dir, `index${index}`));
    // Every index is written before any grep starts. One git cannot write its index (a full
    // disk): the patch of all needs no file, and covers every change.
    const written = await Promise.allSettled(
      groups.map((group, index) =>
        writeNewFileIndex(scope.cwd, indexFiles[index], group, scope.env),
      ),
    );
    if (written.some((outcome) => outcome.status === 'rejected')) {
      return scanPatchOfAll(scope, config);
    }
    const running: StartedGit[] = [];
    const scans = indexFiles.map((indexFile) => grepNewFiles(scope, indexFile, config, running));
    if (plan.others) scans.push(scanPatch(scope, plan.others, config, true, running));
    try {
      return mergeResults(await allOrNone(scans, running));
    } catch (error) {
      // A git built without PCRE refuses -P before reading any file (its POSIX engine would be
      // far slower than reading the patch): the patch of all.
      if (isMissingPcre(error)) return scanPatchOfAll(scope, config);
      throw error;
    }
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

/** One share of the new files, searched with git grep -P. */
function grepNewFiles(
  scope: StagedScope,
  indexFile: string,
  config: SegHookConfig,
  running: StartedGit[],
): Promise<ScanResult> {
  return scanStream(
    config,
    async (onChunk) => {
      const converter = new GrepToDiff();
      const grep = startNewFileGrep(scope.cwd, indexFile, scope.env);
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
