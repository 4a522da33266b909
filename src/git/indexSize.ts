/**
 * How many entries the index git is committing holds, read from its header. git grep matches
 * every index entry against every pathspec it is given, so the staged scan uses it to decide
 * whether searching new files by name is cheaper than diffing them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readGit } from './streamGit';

/** The entry count, or null when the index cannot be read as a plain index file. */
export async function readIndexEntryCount(
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number | null> {
  try {
    // --git-path honours GIT_INDEX_FILE (the temporary index of `git commit -a`) and worktrees.
    const file = (await readGit(cwd, ['rev-parse', '--git-path', 'index'], env)).replace(/\n$/, '');
    return entryCountOf(path.resolve(cwd, file));
  } catch {
    return null;
  }
}

/** "DIRC", a 4-byte version, a 4-byte entry count (big-endian): the index file's header. */
export function entryCountOf(file: string): number | null {
  const header = Buffer.alloc(12);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, header, 0, 12, 0) !== 12) return null;
  } finally {
    fs.closeSync(fd);
  }
  return header.toString('latin1', 0, 4) === 'DIRC' ? header.readUInt32BE(8) : null;
}
