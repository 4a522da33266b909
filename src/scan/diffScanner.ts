/**
 * The pure heart of a scan: diff bytes in, findings out. It wires the stages together —
 * line splitting, diff parsing, path filtering, token matching, rule policy — and holds no
 * more than one line segment at a time. Git is not involved here, so it is tested on plain
 * strings.
 */
import { SegHookConfig } from '../config/config';
import { createPathFilter } from '../config/pathFilter';
import { LineMatch, LineScanner } from '../detect/lineScanner';
import { WrapJoiner } from '../detect/wrappedLines';
import { WRAP_MIN, wrapOf } from '../decode/gate';
import { hasAlnumRun, hasUtf16Run } from '../decode/runs';
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
  const decode = decoded ? (encoding: keyof typeof config.decode) => config.decode[encoding] : null;
  const lineScanner = new LineScanner({ decode });
  const joiner = new WrapJoiner(decode);
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
      joiner.break();
      currentFileScanned = shouldScan(file);
      if (warnRiskyFiles && isRiskyFile(file)) notices.push({ kind: 'risky-file', file });
      if (currentFileScanned) summary.filesScanned += 1;
      else summary.filesIgnored += 1;
    },
    onAddedSegment(segment) {
      if (!currentFileScanned) return;
      const outcome = lineScanner.push(segment.bytes, segment.last);
      if (segment.first && segment.last) {
        for (const wrapped of joiner.line(segment.line, segment.bytes)) {
          summary.placeholdersIgnored += wrapped.placeholders;
          reportWrapped(wrapped.matches, segment.file, wrapped.line);
        }
      } else joiner.break();
      if (!outcome) return;
      summary.linesScanned += 1;
      summary.placeholdersIgnored += outcome.placeholders;
      summary.allowedInline += outcome.allowed;
      report(outcome.matches, segment.file, segment.line);
      for (const bound of outcome.bounds ?? []) {
        notices.push({ kind: 'decode-bound', file: segment.file, line: segment.line, bound });
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
  function report(matches: LineMatch[], file: string, line: number): void {
    for (const finding of findingsForLine(matches, file, line, config)) {
      findings.push(currentCommit ? { ...finding, commit: currentCommit } : finding);
    }
  }
  /**
   * Tokens the joiner read across a wrap: the line they start on may have reported a shorter
   * reading of the same token (cut at its end); the whole one takes its place.
   */
  function reportWrapped(matches: LineMatch[], file: string, line: number): void {
    for (const finding of findingsForLine(matches, file, line, config)) {
      let index = findings.length - 1;
      while (index >= 0 && findings[index].file === file && findings[index].line > line) index--;
      while (
        index >= 0 &&
        findings[index].file === file &&
        findings[index].line === line &&
        findings[index].column !== finding.column
      ) {
        index--;
      }
      const same =
        index >= 0 &&
        findings[index].file === file &&
        findings[index].line === line &&
        findings[index].commit === currentCommit;
      const placed = currentCommit ? { ...finding, commit: currentCommit } : finding;
      if (same) findings[index] = placed;
      else findings.push(placed);
    }
  }
  // Fast lane: a whole line with none of the needles cannot produce a finding; only the hunk
  // counts need to move. This keeps large commits close to the speed of git itself. A line an
  // encoder may have wrapped, and the line after one, go to the joiner.
  const needles = new NeedleIndex();
  /** UTF-16 text is rare: its runs are looked for only in chunks that hold a NUL. */
  let chunkHasNul = false;
  const skipLineWithoutNeedles = (chunk: Buffer, start: number, end: number): boolean => {
    if (needles.hasNeedleIn(start, end)) return false;
    if (joiner.expectsNext || hasAlnumRun(chunk, start, end)) return false;
    if (chunkHasNul && hasUtf16Run(chunk, start, end)) return false;
    if (end - start > WRAP_MIN && wrapOf(chunk, start + 1, end)) return false;
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
      chunkHasNul = chunk.includes(0);
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
