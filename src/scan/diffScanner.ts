/**
 * The pure heart of a scan: diff bytes in, findings out. It wires the stages together —
 * line splitting, diff parsing, path filtering, token matching, rule policy — and holds no
 * more than one line segment at a time. Git is not involved here, so it is tested on plain
 * strings.
 */
import { SegHookConfig } from '../config/config';
import { createPathFilter } from '../config/pathFilter';
import { LineScanner } from '../detect/lineScanner';
import { DiffParser } from '../diff/parseDiff';
import { DEFAULT_MAX_SEGMENT, LineSplitter } from '../diff/lineSplitter';
import { isRiskyFile } from '../detect/riskyFiles';
import { parseCommitMarker } from '../diff/commitMarker';
import { CommitInfo, Finding, Notice, ScanResult, ScanSummary } from '../types';
import { findingsForLine } from './applyPolicy';
import { NeedleIndex } from './needleIndex';

export interface DiffScanner {
  push(chunk: Buffer): void;
  end(): ScanResult;
}

export interface DiffScannerOptions {
  /** The stream is `git log -p` output: attribute findings to the commit that added them. */
  commits?: boolean;
  /** Called as each commit starts (progress reporting). */
  onCommit?(commit: CommitInfo): void;
  /** Warn about risky files seen in the stream (default: unless reading commits). */
  riskyFiles?: boolean;
  /** The fast lane for lines without needles (default on; off only to test it against). */
  fastLane?: boolean;
  /**
   * Report matches on lines with a seg-hook:allow marker too, marked `hiddenBy: 'allow-marker'`
   * (range and push scans: a marker added by the change under review is not trusted).
   */
  reportAllowed?: boolean;
}

export function createDiffScanner(
  config: SegHookConfig,
  options: DiffScannerOptions = {},
): DiffScanner {
  const shouldScan = createPathFilter(config.ignorePaths);
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const summary: ScanSummary = {
    filesScanned: 0,
    linesScanned: 0,
    placeholdersIgnored: 0,
    allowedInline: 0,
    filesIgnored: 0,
  };
  const decoded = Object.values(config.decode).some(Boolean);
  const lineScanner = new LineScanner({
    decode: decoded ? (encoding) => config.decode[encoding] : null,
  });
  let currentFileScanned = false;
  let currentCommit: CommitInfo | undefined;
  // Risky files are about what is being committed now, not about history.
  const warnRiskyFiles = config.riskyFileWarnings && (options.riskyFiles ?? !options.commits);

  const parser = new DiffParser({
    onBetweenPatches(line) {
      if (!options.commits) return false;
      const commit = parseCommitMarker(line);
      if (!commit) return false;
      currentCommit = commit;
      summary.commitsScanned = (summary.commitsScanned ?? 0) + 1;
      options.onCommit?.(commit);
      return true;
    },
    onFile(file) {
      currentFileScanned = shouldScan(file);
      if (warnRiskyFiles && isRiskyFile(file)) notices.push({ kind: 'risky-file', file });
      if (currentFileScanned) summary.filesScanned += 1;
      else summary.filesIgnored += 1;
    },
    onAddedSegment(segment) {
      if (!currentFileScanned) return;
      const outcome = lineScanner.push(segment.bytes, segment.last);
      if (!outcome) return;
      summary.linesScanned += 1;
      summary.placeholdersIgnored += outcome.placeholders;
      summary.allowedInline += outcome.allowed;
      for (const finding of findingsForLine(outcome.matches, segment.file, segment.line, config)) {
        findings.push(currentCommit ? { ...finding, commit: currentCommit } : finding);
      }
      if (options.reportAllowed && outcome.allowedMatches) {
        const allowed = findingsForLine(outcome.allowedMatches, segment.file, segment.line, config);
        for (const finding of allowed) {
          const marked = { ...finding, hiddenBy: 'allow-marker' as const };
          findings.push(currentCommit ? { ...marked, commit: currentCommit } : marked);
        }
      }
    },
  });
  // Fast lane: a whole line with none of the needles cannot produce a finding; only the hunk
  // counts need to move. This keeps large commits close to the speed of git itself.
  const needles = new NeedleIndex();
  const skipLineWithoutNeedles = (chunk: Buffer, start: number, end: number): boolean => {
    if (needles.hasNeedleIn(start, end)) return false;
    const kind = parser.skipContentLine(chunk[start]);
    if (kind === null) return false;
    if (kind === 'added' && currentFileScanned) summary.linesScanned += 1;
    return true;
  };
  const splitter = new LineSplitter(
    (segment) => parser.push(segment),
    DEFAULT_MAX_SEGMENT,
    options.fastLane === false ? undefined : skipLineWithoutNeedles,
  );

  return {
    push(chunk) {
      needles.load(chunk);
      splitter.push(chunk);
    },
    end() {
      splitter.end();
      parser.end();
      return { findings, notices, summary };
    },
  };
}

/** Convenience for tests and the library API: scan a whole diff held in memory. */
export function scanDiffText(diff: string | Buffer, config: SegHookConfig): ScanResult {
  const scanner = createDiffScanner(config);
  scanner.push(typeof diff === 'string' ? Buffer.from(diff, 'utf8') : diff);
  return scanner.end();
}
