/**
 * The staged scan's counts and risky-file warnings. The patch stream carries only files that
 * hold a needle, so these come from git's list of every staged change (raw) and, when the
 * report shows counts, from `git diff --numstat`.
 */
import { SegHookConfig } from '../config/config';
import { createPathFilter } from '../config/pathFilter';
import { isRiskyFile } from '../detect/riskyFiles';
import { FileStat } from '../diff/parseNumstat';
import { addsContent, RawChange } from '../diff/parseRaw';
import { Notice, ScanResult } from '../types';

export function withStagedSummary<T extends ScanResult>(
  result: T,
  changes: RawChange[],
  stats: FileStat[] | null,
  config: SegHookConfig,
): T {
  const shouldScan = createPathFilter(config.ignorePaths);
  // A risky file is worth a warning when the commit gives it content: not for a pure rename,
  // a mode change or an empty file.
  const notices: Notice[] = config.riskyFileWarnings
    ? changes
        .filter((change) => addsContent(change) && isRiskyFile(change.file))
        .map((change) => ({ kind: 'risky-file', file: change.file }))
    : [];
  if (!stats) return { ...result, notices };
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
