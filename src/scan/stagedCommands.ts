/**
 * The git commands of a staged scan and how their output is read:
 *   raw      statuses of every staged change (no content read): which files are new;
 *   diff     the -G patch of the changes;
 *   grep     the needle lines of new regular files, from an index of their own;
 *   numstat  per-file line counts, only when the report shows counts (JSON, SARIF, GitHub).
 * raw, diff and numstat start at once, with the repository lookup (see scanStaged.ts). Most
 * commits add no file, and their diff is then the whole scan. When raw names new regular
 * files, that diff is stopped: git grep searches them (about twice as fast: all cores, one
 * regex run per file rather than per line) and a second diff covers the other changes, named
 * by pathspecs (git applies -G before --diff-filter, so a filter would not save the work).
 * When naming those would cost git more than it saves, the single diff stays (splitPlan.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SegHookConfig } from '../config/config';
import { GrepToDiff } from '../diff/grepToDiff';
import { FileStat, parseNumstatZ } from '../diff/parseNumstat';
import { parseRawZ, RawChange } from '../diff/parseRaw';
import { readIndexEntryCount } from '../git/indexSize';
import {
  isMissingPcre,
  NewFileEntry,
  RegexSyntax,
  startNewFileGrep,
  startStagedDiff,
  startStagedNumstat,
  startStagedRaw,
  writeNewFileIndex,
} from '../git/stagedDiff';
import { readAll, readAllBytes, StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { scanStream } from './repositoryScan';
import { planSplit, SplitPlan } from './splitPlan';

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
  indexFile: string | null,
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
  const plan = planFor(changes, indexFile);
  const [stats, result] = await Promise.all([
    statsRead,
    plan ? scanSplit(commands, plan, config) : scanWhole(commands, config),
  ]);
  return { result, changes, stats };
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
  commands.diff.cancel();
  const { cwd, env, pathspecs } = commands;
  const dir = makePrivateDir();
  // No temporary directory (TMPDIR missing or read-only): the single diff, slower but whole.
  if (dir === null) return scanDiff(cwd, pathspecs, env, config, false);
  const { others } = plan;
  const [changed, added] = await Promise.all([
    others && scanDiff(cwd, others, env, config, true),
    inPrivateDir(dir, (indexFile) => scanNewFiles(cwd, indexFile, plan.newFiles, env, config)),
  ]);
  return changed ? mergeResults(changed, added) : added;
}

function scanWhole(commands: StagedCommands, config: SegHookConfig): Promise<ScanResult> {
  return scanStream(config, (onChunk) => commands.diff.consume(onChunk), SCANNER);
}

function scanDiff(
  cwd: string,
  pathspecs: string[],
  env: NodeJS.ProcessEnv,
  config: SegHookConfig,
  namesFromGit: boolean,
): Promise<ScanResult> {
  const diff = startStagedDiff(cwd, pathspecs, env, namesFromGit);
  return scanStream(config, (onChunk) => diff.consume(onChunk), SCANNER);
}

/** Risky-file warnings come from raw's list of every change (stagedSummary.ts). */
const SCANNER = { riskyFiles: false };

/** The new files' own index, written, searched and removed (see writeNewFileIndex). */
async function scanNewFiles(
  cwd: string,
  indexFile: string,
  files: NewFileEntry[],
  env: NodeJS.ProcessEnv,
  config: SegHookConfig,
): Promise<ScanResult> {
  await writeNewFileIndex(cwd, indexFile, files, env);
  try {
    return await grepNewFiles(cwd, indexFile, env, config, 'perl');
  } catch (error) {
    // Nothing was read when -P is refused: git checks the pattern before any file.
    if (!isMissingPcre(error)) throw error;
    return grepNewFiles(cwd, indexFile, env, config, 'extended');
  }
}

function grepNewFiles(
  cwd: string,
  indexFile: string,
  env: NodeJS.ProcessEnv,
  config: SegHookConfig,
  syntax: RegexSyntax,
): Promise<ScanResult> {
  return scanStream(
    config,
    async (onChunk) => {
      const converter = new GrepToDiff();
      await startNewFileGrep(cwd, indexFile, env, syntax).consume((chunk) => {
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

/**
 * Runs `use` with the path of an index file in `dir`, and removes `dir` afterwards (also when
 * the process exits early, on a signal).
 */
async function inPrivateDir<T>(dir: string, use: (indexFile: string) => Promise<T>): Promise<T> {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  try {
    return await use(join(dir, 'index'));
  } finally {
    process.removeListener('exit', remove);
    remove();
  }
}

/** One result, findings in git's path order (bytes), as a single diff would list them. */
function mergeResults(changed: ScanResult, added: ScanResult): ScanResult {
  const byPath = (a: { file: string }, b: { file: string }) =>
    Buffer.compare(Buffer.from(a.file, 'utf8'), Buffer.from(b.file, 'utf8'));
  const summary = { ...changed.summary };
  for (const key of SUMMED) summary[key] += added.summary[key];
  return {
    // Stable sort: the lines of one file keep their order.
    findings: [...changed.findings, ...added.findings].sort(byPath),
    notices: [...changed.notices, ...added.notices],
    summary,
  };
}

const SUMMED = [
  'filesScanned',
  'linesScanned',
  'placeholdersIgnored',
  'allowedInline',
  'filesIgnored',
] as const;
