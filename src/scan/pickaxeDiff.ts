/**
 * The -G diff of a large commit: git prints only the patches of files that add or remove a
 * line holding a needle (stagedDiff.ts), which the diff scanner reads as a stream.
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

/** The -G diff of every staged change in scope. */
export function scanPickaxeDiffOfAll(
  scope: StagedScope,
  config: SegHookConfig,
): Promise<ScanResult> {
  return scanPickaxeDiff(scope, scope.pathspecs, config, false, []);
}

/**
 * The -G diff of the changes `pathspecs` name; `namesFromGit`: they are names git listed (see
 * stagedDiff.ts). The started git is added to `running`, for the caller to stop on a failure.
 */
export function scanPickaxeDiff(
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
