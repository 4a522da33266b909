/** Files at the top of a commit's tree, read from git's objects (no work tree involved). */
import { readGit } from './streamGit';

/**
 * The text of each of `names` that exists at the top of `commit`'s tree. A range scan reads its
 * policy files (configuration, baseline) this way from the commit it trusts.
 */
export async function readTopLevelFiles(
  cwd: string,
  commit: string,
  names: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Map<string, string>> {
  // --full-tree: names are relative to the top whatever the cwd; -z: names as they are.
  const listing = await readGit(
    cwd,
    ['ls-tree', '-z', '--full-tree', commit, '--', ...names.map((name) => `:(literal)${name}`)],
    env,
  );
  const files = new Map<string, string>();
  for (const entry of listing.split('\0')) {
    // "<mode> <type> <object>\t<name>"
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (!match || !names.includes(match[2])) continue;
    files.set(match[2], await readGit(cwd, ['cat-file', 'blob', match[1]], env));
  }
  return files;
}
