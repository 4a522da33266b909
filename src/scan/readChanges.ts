/**
 * The first read of a staged scan: git's list of every staged change (`--raw`), and the choice
 * of route made at its end, while git waits. Most commits change a few files: the patch that
 * follows the list is then the whole scan, from this one git process. A larger commit stops git
 * once the list is read (a stopped git is not waited for: the next commands start at once), and
 * its new files are searched apart (newFileSearch.ts) when splitPlan.ts finds it pays, else the
 * -G diff of everything (pickaxeDiff.ts) reads only the patches that hold a needle.
 */
import { SegHookConfig } from '../config/config';
import { parseRawZ, RawChange } from '../diff/parseRaw';
import { RawSectionSplitter } from '../diff/rawSection';
import { readIndexEntryCount } from '../git/indexSize';
import { StartedGit } from '../git/streamGit';
import { ScanResult } from '../types';
import { createDiffScanner, DiffScanner } from './diffScanner';
import { planSplit, SplitPlan } from './splitPlan';
import { STAGED_SCANNER } from './stagedSummary';

/**
 * Up to this many changes, new files or not, the patch that follows the list is read whole:
 * a commit of a few files costs one git process (one new 20 MB file: ~330 ms, against ~410
 * through git grep). More, and git is stopped: new files are searched with git grep, which
 * uses every core, and the rest is read with -G (a commit of 1,800 modified files, 43 MB of
 * patch: 580 ms with -G, 780 ms read whole).
 */
export const MAX_CHANGES_READ_WHOLE = 64;

export interface ChangesRead {
  changes: RawChange[];
  /** The scan of the whole patch, when it was read (a small commit). */
  result: ScanResult | null;
  /** A large commit whose new files are searched apart; null: the -G diff of everything. */
  plan: SplitPlan | null;
}

/** Reads the list of changes, then the patch that follows (small commit) or stops git. */
export async function readChanges(
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
      state.scanner = createDiffScanner(config, STAGED_SCANNER);
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
