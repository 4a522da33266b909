import { Finding } from '../types';

/**
 * The earliest and latest author dates of the commits that added `findings`, or null when
 * none came from a commit. Dates keep their author's offset, so they are ordered by instant,
 * not by text.
 */
export function firstLastSeen(findings: Finding[]): { first: string; last: string } | null {
  const dates = findings
    .flatMap((f) => (f.commit ? [f.commit.date] : []))
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return dates.length ? { first: dates[0], last: dates[dates.length - 1] } : null;
}
