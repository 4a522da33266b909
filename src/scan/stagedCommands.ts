/**
 * The git commands of a staged scan and how their output is read:
 *   raw      statuses of every staged change (no content read): which files are new;
 *   diff     the -G patch of the changes;
 *   grep     the needle lines of new regular files;
 *   numstat  per-file line counts, only when the report shows counts (JSON, SARIF, GitHub).
 * raw, diff and numstat start at once, with the repository lookup (see scanStaged.ts). Most
 * commits add no file, and their diff is then the whole scan. When raw names new regular
 * files, that diff is stopped: git grep searches them (about twice as fast: all cores, one
 * regex run per file rather than per line) and a second diff covers the other changes, named
 * by pathspecs (git applies -G before --diff-filter, so a filter would not save the work).
 */
import { SegHookConfig } from '../config/config';
import { GrepToDiff } from '../diff/grepToDiff';
import { FileStat, parseNumstatZ } from '../diff/parseNumstat';
import { isNewRegularFile, parseRawZ, RawChange } from '../diff/parseRaw';
import {
  excludedPathspec,
  literalPathspec,
  startNewFileGrep,
  startStagedDiff,
  startStagedNumstat,
  startStagedRaw,
} from '../git/stagedDiff';
import { readAll, readAllBytes, StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { createDiffScanner } from './diffScanner';

export interface StagedCommands {
  raw: StartedGit;
  diff: StartedGit;
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

/** The diff's pathspecs must fit on one command line (Linux: 2 MiB with the environment). */
const MAX_PATHSPEC_BYTES = 1024 * 1024;

export function startStagedCommands(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv,
  counts: boolean,
): StagedCommands {
  return {
    raw: startStagedRaw(cwd, pathspecs, env),
    diff: startStagedDiff(cwd, pathspecs, env),
    numstat: counts ? startStagedNumstat(cwd, pathspecs, env) : null,
    cwd,
    pathspecs,
    env,
  };
}

export function cancelStagedCommands(commands: StagedCommands): void {
  commands.raw.cancel();
  commands.diff.cancel();
  commands.numstat?.cancel();
}

export async function readStagedCommands(
  commands: StagedCommands,
  config: SegHookConfig,
): Promise<StagedOutput> {
  const statsRead = commands.numstat ? readAll(commands.numstat).then(parseNumstatZ) : null;
  // Awaited below; if raw fails first, numstat is cancelled and its rejection goes nowhere.
  statsRead?.catch(() => undefined);
  let changes: RawChange[];
  try {
    changes = parseRawZ(await readAllBytes(commands.raw));
  } catch (error) {
    cancelStagedCommands(commands);
    throw error;
  }
  const split = splitNewFiles(changes, commands.pathspecs);
  const [stats, result] = await Promise.all([
    statsRead,
    split ? scanSplit(commands, split, config) : scanWhole(commands, config),
  ]);
  return { result, changes, stats };
}

interface SplitScan {
  /** New regular files, searched with git grep. */
  newFiles: string[];
  /** Pathspecs of everything else, for the diff; null when nothing else changed. */
  others: string[] | null;
}

/** How to split the scan between git grep and the diff, or null to keep the single diff. */
function splitNewFiles(changes: RawChange[], userPathspecs: string[]): SplitScan | null {
  // A symlink or submodule (git grep reads regular files only), or a name Node cannot pass
  // back to git as an argument, stays in the diff.
  const searchable = (change: RawChange) => isNewRegularFile(change) && change.exactName;
  const newFiles = changes.filter(searchable).map((change) => change.file);
  if (newFiles.length === 0) return null;
  const rest = changes.filter((change) => !searchable(change));
  if (rest.length === 0) return { newFiles, others: null };
  // The shorter list of names: the other changes themselves, or all but the new files.
  if (rest.length <= newFiles.length && rest.every((change) => change.exactName)) {
    const others = rest.map((change) => literalPathspec(change.file));
    return fitsCommandLine(others) ? { newFiles, others } : null;
  }
  const positive = userPathspecs.length > 0 ? userPathspecs : [':(top)'];
  const others = [...positive, ...newFiles.map(excludedPathspec)];
  return fitsCommandLine(others) ? { newFiles, others } : null;
}

function fitsCommandLine(args: string[]): boolean {
  return args.reduce((sum, arg) => sum + Buffer.byteLength(arg) + 1, 0) <= MAX_PATHSPEC_BYTES;
}

function scanWhole(commands: StagedCommands, config: SegHookConfig): Promise<ScanResult> {
  return scanStream(config, (onChunk) => commands.diff.consume(onChunk));
}

async function scanSplit(
  commands: StagedCommands,
  split: SplitScan,
  config: SegHookConfig,
): Promise<ScanResult> {
  commands.diff.cancel();
  const { cwd, env } = commands;
  const { others } = split;
  const [changed, added] = await Promise.all([
    others && scanStream(config, (onChunk) => startStagedDiff(cwd, others, env).consume(onChunk)),
    scanStream(config, async (onChunk) => {
      const converter = new GrepToDiff();
      for (const batch of argumentBatches(split.newFiles.map(literalPathspec))) {
        await startNewFileGrep(cwd, batch, env).consume((chunk) => {
          const patch = converter.push(chunk);
          if (patch.length > 0) onChunk(patch);
        });
      }
      converter.end();
    }),
  ]);
  return changed ? mergeResults(changed, added) : added;
}

async function scanStream(
  config: SegHookConfig,
  stream: (onChunk: (chunk: Buffer) => void) => Promise<void>,
): Promise<ScanResult> {
  const scanner = createDiffScanner(config, { riskyFiles: false });
  await stream((chunk) => scanner.push(chunk));
  return scanner.end();
}

/** Pathspecs in groups that fit on a command line (Linux allows 128 KiB per argument, 2 MiB in all). */
function argumentBatches(names: string[], maxBytes = 256 * 1024): string[][] {
  const batches: string[][] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const name of names) {
    const size = Buffer.byteLength(name) + 1;
    if (batch.length > 0 && bytes + size > maxBytes) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(name);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** One result, findings in git's path order (bytes), as a single diff would list them. */
function mergeResults(changed: ScanResult, added: ScanResult): ScanResult {
  const byPath = (a: { file: string }, b: { file: string }) =>
    Buffer.compare(Buffer.from(a.file, 'utf8'), Buffer.from(b.file, 'utf8'));
  const sum = (
    key: 'filesScanned' | 'linesScanned' | 'placeholdersIgnored' | 'allowedInline' | 'filesIgnored',
  ) => changed.summary[key] + added.summary[key];
  return {
    // Stable sort: the lines of one file keep their order.
    findings: [...changed.findings, ...added.findings].sort(byPath),
    notices: [...changed.notices, ...added.notices],
    summary: {
      filesScanned: sum('filesScanned'),
      linesScanned: sum('linesScanned'),
      placeholdersIgnored: sum('placeholdersIgnored'),
      allowedInline: sum('allowedInline'),
      filesIgnored: sum('filesIgnored'),
    },
  };
}
