/**
 * `git diff --numstat -z` output: per file, added and deleted line counts and the name (for a
 * rename: an empty name field, then the old and the new name). Names are raw with -z.
 */
import { ScanError } from '../errors';

export interface FileStat {
  /** The new name (repo-relative, `/` separators). */
  file: string;
  /** Added lines, or null for an entry git counts as binary (numstat ignores --text). */
  added: number | null;
}

const STATS = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/;

export function parseNumstatZ(output: string): FileStat[] {
  const fields = output.split('\0');
  const stats: FileStat[] = [];
  for (let i = 0; i < fields.length; i++) {
    if (fields[i] === '' && i === fields.length - 1) break;
    const match = STATS.exec(fields[i]);
    if (!match)
      throw new ScanError(
        'bad-diff',
        `unexpected git numstat output: ${JSON.stringify(fields[i].slice(0, 80))}`,
      );
    const added = match[1] === '-' ? null : Number(match[1]);
    if (match[3] !== '') {
      stats.push({ file: match[3], added });
      continue;
    }
    const renamedTo = fields[i + 2];
    if (!renamedTo)
      throw new ScanError('bad-diff', 'unexpected git numstat output: truncated rename');
    stats.push({ file: renamedTo, added });
    i += 2;
  }
  return stats;
}
