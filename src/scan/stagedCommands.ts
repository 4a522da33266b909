/**
 * The git commands of a staged scan, started at once with the repository lookup (see
 * scanStaged.ts), and the route their output takes:
 *   changes  every staged change's status (`--raw`, no content read), then the whole patch
 *            of a small commit (readChanges.ts);
 *   grep     a large commit's new regular files, one git grep per core (newFileSearch.ts);
 *   diff     the patch of the other changes, or of all (patchScan.ts);
 *   numstat  per-file line counts, only when the report shows counts (JSON, SARIF, GitHub).
 */
import { SegHookConfig } from '../config/config';
import { FileStat, parseNumstatZ } from '../diff/parseNumstat';
import { RawChange } from '../diff/parseRaw';
import { startStagedChanges, startStagedNumstat } from '../git/stagedDiff';
import { readAll, StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { scanNewFilesApart } from './newFileSearch';
import { scanPatchOfAll, StagedScope } from './patchScan';
import { ChangesRead, readChanges } from './readChanges';

export interface StagedCommands extends StagedScope {
  changes: StartedGit;
  numstat: StartedGit | null;
}

export interface StagedOutput {
  result: ScanResult;
  changes: RawChange[];
  stats: FileStat[] | null;
}

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
  const scan =
    read.result ??
    (read.plan ? scanNewFilesApart(commands, read.plan, config) : scanPatchOfAll(commands, config));
  const [stats, result] = await Promise.all([statsRead, scan]);
  return { result, changes: read.changes, stats };
}
