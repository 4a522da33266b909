/**
 * The staged scan's counts and risky-file warnings (the scan's other notices are kept). The patch a scan reads may cover only the
 * files that hold a needle (-G diff, git grep), so these come from git's list of every staged
 * change (raw) and from `git diff --numstat` (for every file when the report shows counts,
 * else for the changed risky files alone).
 */
import { SegHookConfig } from '../config/config';
import { createPathFilter } from '../config/pathFilter';
import { isRiskyFile } from '../detect/riskyFiles';
import { FileStat } from '../diff/parseNumstat';
import { addsContent, isEmptyBlob, RawChange } from '../diff/parseRaw';
import { Notice, ScanResult } from '../types';

/** The diff scanner's options in a staged scan: its risky-file warnings come from here instead. */
export const STAGED_SCANNER = { riskyFiles: false };

export function withStagedSummary<T extends ScanResult>(
  result: T,
  changes: RawChange[],
  stats: FileStat[],
  config: SegHookConfig,
  counts: boolean,
): T {
  const added = new Map(stats.map((stat) => [stat.file, stat.added]));
  // A risky file is worth a warning when the commit adds lines to it: not for a deletion of
  // lines, a pure rename, a mode change or an empty file.
  const addsLines = (change: RawChange): boolean => {
    if (change.status === 'A') return !isEmptyBlob(change.newId);
    const count = added.get(change.file);
    if (count === undefined) return addsContent(change);
    return count === null || count > 0; // null: binary, read as text all the same
  };
  const risky: Notice[] = config.riskyFileWarnings
    ? changes
        .filter((change) => isRiskyFile(change.file) && addsLines(change))
        .map((change) => ({ kind: 'risky-file', file: change.file }))
    : [];
  // The scan's own notices (lines the decoding stage stopped on) stay.
  const notices = [...risky, ...result.notices.filter((notice) => notice.kind !== 'risky-file')];
  if (!counts) return { ...result, notices };
  const shouldScan = createPathFilter(config.ignorePaths);
  // Binary entries have no count, but the scan reads them as text all the same.
  const withContent = stats.filter((stat) => stat.added === null || stat.added > 0);
  const scanned = withContent.filter((stat) => shouldScan(stat.file));
  return {
    ...result,
    notices,
    summary: {
      ...result.summary,
      filesScanned: scanned.length,
      filesIgnored: withContent.length - scanned.length,
      linesScanned: scanned.reduce((sum, stat) => sum + (stat.added ?? 0), 0),
    },
  };
}
