/**
 * One result from the scans of a staged commit's parts (the -G diff of some changes, the greps
 * of the new files). Pure.
 */
import { Finding, ScanResult } from '../types';

const SUMMED = [
  'filesScanned',
  'linesScanned',
  'placeholdersIgnored',
  'allowedInline',
  'filesIgnored',
] as const;

/**
 * Findings in path order, byte by byte, as a single diff would list them (a sort by the
 * strings would put names with characters above U+FFFF before U+E000-U+FFFF); the lines of one
 * file keep their order (each file is in one part, and the sort is stable). Notices in order,
 * counts summed.
 */
export function mergeResults(results: ScanResult[]): ScanResult {
  const [first, ...rest] = results;
  const summary = { ...first.summary };
  for (const result of rest) {
    for (const key of SUMMED) summary[key] += result.summary[key];
  }
  const pathBytes = new Map<string, Buffer>();
  const bytesOf = (finding: Finding) => {
    let bytes = pathBytes.get(finding.file);
    if (bytes === undefined) pathBytes.set(finding.file, (bytes = Buffer.from(finding.file)));
    return bytes;
  };
  return {
    findings: results
      .flatMap((result) => result.findings)
      .sort((a, b) => Buffer.compare(bytesOf(a), bytesOf(b))),
    notices: results.flatMap((result) => result.notices),
    summary,
  };
}
