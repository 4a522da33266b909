/**
 * The line our `git log -p` streams put before each commit's patch. It starts with a NUL byte
 * and appears only between patches (hunks are tracked by their counts), so diff content can
 * never be mistaken for it.
 */
import { CommitInfo } from '../types';

export const COMMIT_MARKER = '\0seg-hook-commit\0';
/** The `--format` that produces the marker: id, author date, author. */
export const COMMIT_MARKER_FORMAT = '--format=%x00seg-hook-commit%x00%H%x00%aI%x00%an <%ae>';

export function parseCommitMarker(line: string): CommitInfo | null {
  if (!line.startsWith(COMMIT_MARKER)) return null;
  const [id, date, author] = line.slice(COMMIT_MARKER.length).split('\0');
  if (!id || !date || author === undefined) return null;
  return { id, date, author };
}
