/** The library API. */
export { scanStaged } from './scan/scanStaged';
export type { StagedScanOptions, StagedScan } from './scan/scanStaged';
export { scanDiffText, createDiffScanner } from './scan/diffScanner';
export { findTokenCandidates } from './detect/tokenRules';
export type { TokenCandidate } from './detect/tokenRules';
export { shannonEntropy, isPlaceholderBody, PLACEHOLDER_ENTROPY_THRESHOLD } from './detect/entropy';
export { redactToken } from './report/redact';
export { fingerprintToken } from './report/fingerprint';
export { DEFAULT_CONFIG } from './config/config';
export type { SegHookConfig } from './config/config';
export { ScanError } from './errors';
export type { ScanErrorKind } from './errors';
export type { Finding, ScanResult, ScanSummary, RuleId } from './types';

import { DEFAULT_CONFIG, SegHookConfig } from './config/config';
import { LineScanner } from './detect/lineScanner';
import { findingsForLine } from './scan/applyPolicy';
import { Finding } from './types';

/** Scan arbitrary text (every line counts as added) — for editors, tests and other tools. */
export function scanText(
  text: string,
  file = '<text>',
  config: SegHookConfig = DEFAULT_CONFIG,
): Finding[] {
  const scanner = new LineScanner();
  return text.split('\n').flatMap((line, index) => {
    const outcome = scanner.push(Buffer.from(line.replace(/\r$/, ''), 'utf8'), true);
    return outcome ? findingsForLine(outcome.matches, file, index + 1, config) : [];
  });
}
