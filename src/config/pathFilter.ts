/** Decides which staged files are scanned, from the `ignorePaths` globs. */
import micromatch from 'micromatch';

export type PathFilter = (file: string) => boolean;

/** A predicate that is true for files to scan. `dot: true` so `**` also covers `.env` files. */
export function createPathFilter(ignorePaths: string[]): PathFilter {
  if (ignorePaths.length === 0) return () => true;
  const isIgnored = micromatch.matcher(
    ignorePaths.length === 1 ? ignorePaths[0] : `{${ignorePaths.join(',')}}`,
    {
      dot: true,
    },
  );
  return (file) => !isIgnored(file);
}
