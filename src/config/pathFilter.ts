/** Decides which staged files are scanned, from the `ignorePaths` globs. */
import type micromatchModule from 'micromatch';

export type PathFilter = (file: string) => boolean;

/**
 * A predicate that is true for files to scan. `dot: true` so `**` also covers `.env` files; a
 * pattern without a slash matches the basename at any depth (`*.md`), as in lint-staged.
 */
export function createPathFilter(ignorePaths: string[]): PathFilter {
  if (ignorePaths.length === 0) return () => true;
  // One scan asks several times for one configuration (each diff or grep it reads, the counts).
  const known = compiled.get(ignorePaths);
  if (known) return known;
  // Loaded only when there are patterns: its module set-up costs ~3 ms on every commit.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const micromatch = require('micromatch') as typeof micromatchModule;
  // One matcher per pattern: joining them as `{a,b}` would split a pattern holding a comma.
  const matchers = ignorePaths.map((pattern) =>
    micromatch.matcher(pattern, { dot: true, basename: !pattern.includes('/') }),
  );
  const filter: PathFilter = (file) => !matchers.some((isIgnored) => isIgnored(file));
  compiled.set(ignorePaths, filter);
  return filter;
}

const compiled = new WeakMap<string[], PathFilter>();
