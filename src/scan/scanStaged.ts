/** `seg-hook --staged`: what the next commit would add, from the index git is committing. */
import { optOutFile } from '../config/optOut';
import { lstatSync, realpathSync } from 'node:fs';
import {
  basename,
  dirname,
  isAbsolute,
  join,
  relative as relativePath,
  resolve,
  sep,
} from 'node:path';
import { ScanError } from '../errors';
import { isRiskyFile } from '../detect/riskyFiles';
import { FileStat, parseNumstatZ } from '../diff/parseNumstat';
import { addsContent, namesOf, RawChange } from '../diff/parseRaw';
import { literalPathspec, readIndexedNames, startStagedNumstat } from '../git/stagedDiff';
import { readAll } from '../git/streamGit';
import { withStagedSummary } from './stagedSummary';
import {
  finishScan,
  openRepository,
  optedOutScan,
  Repository,
  RepositoryOptions,
  RepositoryScan,
} from './repositoryScan';
import {
  cancelStagedCommands,
  readStagedCommands,
  StagedCommands,
  startStagedCommands,
} from './stagedCommands';

export interface StagedScanOptions extends RepositoryOptions {
  /** Limit the scan to these files (absolute, or relative to cwd — as lint-staged passes them). */
  paths?: string[];
  /**
   * Count every staged file's added lines for the summary (default true). The hook's text
   * report shows no counts, so it skips them: counting reads every new file once more. Without
   * counts, linesScanned is the number of lines the matcher read.
   */
  counts?: boolean;
}

export type StagedScan = RepositoryScan;

export async function scanStaged(options: StagedScanOptions = {}): Promise<StagedScan> {
  const paths = options.paths ?? [];
  const counts = options.counts ?? true;
  if (paths.length === 0) return scanWholeIndex(options, counts);
  const repository = await openRepository(options);
  const optOut = optOutFile(repository.config, repository.root);
  if (optOut !== null) return optedOutScan(repository, optOut);
  const pathspecs = paths.map((p) => {
    const relative = toRepoRelative(repository.root, repository.cwd, p);
    return relative === '' ? ':(top)' : literalPathspec(relative);
  });
  await rejectUnknownPaths(repository.cwd, paths, pathspecs, repository.env);
  const commands = startStagedCommands(repository.cwd, pathspecs, repository.env, counts);
  return scanWith(repository, commands);
}

/**
 * The hook's case: without paths the git commands depend on nothing read first, so they start
 * together with the repository lookup and git works while Node reads the configuration.
 */
async function scanWholeIndex(options: StagedScanOptions, counts: boolean): Promise<StagedScan> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const commands = startStagedCommands(cwd, [], env, counts);
  const rootLookup = openRepository({ ...options, cwd, env });
  let repository: Repository;
  try {
    repository = await rootLookup;
  } catch (error) {
    cancelStagedCommands(commands);
    throw error;
  }
  const optOut = optOutFile(repository.config, repository.root);
  if (optOut !== null) {
    cancelStagedCommands(commands);
    return optedOutScan(repository, optOut);
  }
  return scanWith(repository, commands);
}

async function scanWith(repository: Repository, commands: StagedCommands): Promise<StagedScan> {
  const { result, changes, stats } = await readStagedCommands(
    commands,
    repository.config,
    repository.indexFile,
  );
  const counts = stats !== null;
  const lineStats = stats ?? (await riskyFileStats(changes, repository));
  return finishScan(
    repository,
    withStagedSummary(result, changes, lineStats, repository.config, counts),
  );
}

/**
 * Without the full counts, whether a changed risky file gains lines (a change that only
 * deletes lines from .env is no reason to warn): counted for those few files alone.
 */
async function riskyFileStats(changes: RawChange[], repository: Repository): Promise<FileStat[]> {
  if (!repository.config.riskyFileWarnings) return [];
  const changed = changes.filter(
    (change) =>
      change.status !== 'A' && isRiskyFile(change.file) && addsContent(change) && change.exactName,
  );
  if (changed.length === 0) return [];
  const pathspecs = changed
    .flatMap(namesOf)
    .filter(({ exact }) => exact)
    .map(({ name }) => literalPathspec(name));
  const numstat = startStagedNumstat(repository.cwd, pathspecs, repository.env, true);
  return parseNumstatZ(await readAll(numstat));
}

/**
 * A path that names nothing — not in the work tree and not in the index — is a mistake (a
 * typo, or a misspelt subcommand taken for a path), not a clean scan of nothing.
 */
async function rejectUnknownPaths(
  cwd: string,
  paths: string[],
  pathspecs: string[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  for (const [index, userPath] of paths.entries()) {
    if (existsOnDisk(resolve(cwd, userPath))) continue;
    if ((await readIndexedNames(cwd, [pathspecs[index]], env)) !== '') continue;
    throw new ScanError('bad-arguments', `no such file in the work tree or the index: ${userPath}`);
  }
}

function existsOnDisk(absolute: string): boolean {
  try {
    lstatSync(absolute);
    return true;
  } catch {
    return false;
  }
}

/** Repo-relative, `/`-separated form of a user-given path; an error if it is outside the repo. */
export function toRepoRelative(root: string, cwd: string, userPath: string): string {
  const absolute = resolve(cwd, userPath);
  // Compare real paths: the repo root from git is resolved, the user's path may not be (/tmp links).
  const realRoot = realpathOfExistingPrefix(root);
  // A staged symlink is a file of its own: resolve the directories above it, never the link
  // (resolving it would scan the file it points to instead).
  const asGiven = join(realpathOfExistingPrefix(dirname(absolute)), basename(absolute));
  let relative = relativePath(realRoot, asGiven);
  if (isOutside(relative)) relative = relativePath(realRoot, realpathOfExistingPrefix(absolute));
  if (isOutside(relative)) {
    throw new ScanError('bad-arguments', `path is outside the repository: ${userPath}`);
  }
  return relative.split(sep).join('/');
}

function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${sep}`) || isAbsolute(relative);
}

/** realpath of the longest existing ancestor, plus the rest as given (a staged file may be deleted). */
function realpathOfExistingPrefix(absolute: string): string {
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return absolute;
      missing.push(basename(current));
      current = parent;
    }
  }
}
