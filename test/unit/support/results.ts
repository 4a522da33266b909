/** Builders for report inputs. */
import { Finding, ScanResult } from '../../../src/types';

export function finding(overrides: Partial<Finding> & Pick<Finding, 'token'>): Finding {
  return {
    ruleId: 'segment-public-api-token',
    file: 'src/config.ts',
    line: 3,
    column: 14,
    endColumn: 14 + overrides.token.length,
    blocking: true,
    ...overrides,
  };
}

export function result(findings: Finding[]): ScanResult {
  return {
    findings,
    notices: [],
    summary: {
      filesScanned: 2,
      linesScanned: 10,
      placeholdersIgnored: 1,
      allowedInline: 0,
      filesIgnored: 0,
    },
  };
}

/** Every Segment-shaped token in `text` (used to prove nothing unredacted got out). */
export function tokenShapedStrings(text: string): string[] {
  return text.match(new RegExp(`${['s', 'g', 'p', '_'].join('')}[A-Za-z0-9]{16,}`, 'g')) ?? [];
}
