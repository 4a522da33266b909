/**
 * The staged scan's counts and risky-file warnings, from `git diff --numstat` (every staged
 * file), because the patch stream only carries files that hold a needle.
 */
import { SegHookConfig } from '../config/config';
import { createPathFilter } from '../config/pathFilter';
import { isRiskyFile } from '../detect/riskyFiles';
import { FileStat } from '../diff/parseNumstat';
import { Notice, ScanResult } from '../types';

export function withStagedSummary<T extends ScanResult>(
  result: T,
  stats: FileStat[],
  config: SegHookConfig,
): T {
  const shouldScan = createPathFilter(config.ignorePaths);
  // Binary entries have no count, but the scan reads them as text all the same.
  const withContent = stats.filter((stat) => stat.added === null || stat.added > 0);
  const scanned = withContent.filter((stat) => shouldScan(stat.file));
  const notices: Notice[] = config.riskyFileWarnings
    ? withContent
        .filter((stat) => isRiskyFile(stat.file))
        .map((stat) => ({ kind: 'risky-file', file: stat.file }))
    : [];
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
