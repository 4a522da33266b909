/**
 * The patch of a large commit's changes other than its new files (or of all of them, when
 * they cannot be searched apart), read whole as a stream by the diff scanner. No -G: git's
 * POSIX regex engine reads the needles of encoded tokens (runs of letters and digits, escape
 * families) five times slower than the whole patch is read here (docs/performance.md).
 */
import { SegHookConfig } from '../config/config';
import { startStagedDiff } from '../git/stagedDiff';
import { StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { scanStream } from './repositoryScan';
import { STAGED_SCANNER } from './stagedSummary';

/** Where a staged scan's git commands run, and what they are limited to. */
export interface StagedScope {
  cwd: string;
  /** The user's paths as pathspecs; empty for the whole index. */
  pathspecs: string[];
  env: NodeJS.ProcessEnv;
}

/** The patch of every staged change in scope. */
export function scanPatchOfAll(scope: StagedScope, config: SegHookConfig): Promise<ScanResult> {
  return scanPatch(scope, scope.pathspecs, config, false, []);
}

/**
 * The patch of the changes `pathspecs` name; `namesFromGit`: they are names git listed (see
 * stagedDiff.ts). The started git is added to `running`, for the caller to stop on a failure.
 */
export function scanPatch(
  scope: StagedScope,
  pathspecs: string[],
  config: SegHookConfig,
  namesFromGit: boolean,
  running: StartedGit[],
): Promise<ScanResult> {
  const diff = startStagedDiff(scope.cwd, pathspecs, scope.env, namesFromGit);
  running.push(diff);
  return scanStream(config, (onChunk) => diff.consume(onChunk), STAGED_SCANNER);
}
