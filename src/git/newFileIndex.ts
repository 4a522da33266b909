/**
 * An index file holding only some new files, for git grep to search (see stagedDiff.ts): a
 * large commit searches its new files with several greps, each over an index of its own share.
 * git writes it (`update-index --index-info`) from the modes and blob ids that git diff --raw
 * listed; nothing is read from the work tree.
 */
import type { RawChange } from '../diff/parseRaw';
import { readAll, startGit } from './streamGit';

/** A new file as git diff --raw listed it: mode, blob id and name (valid UTF-8: exactName). */
export type NewFileEntry = Pick<RawChange, 'newMode' | 'newId' | 'file'>;

/**
 * Settings that would make update-index write a second file (a split index's shared part) or
 * ask a file-system monitor about work-tree files it never reads (newFileIndex.test.ts).
 */
const INDEX_IN_ONE_FILE = ['-c', 'core.splitIndex=false', '-c', 'core.fsmonitor=false'];

/** Writes the index of `files` to `indexFile` (a new file in a private directory). */
export async function writeNewFileIndex(
  cwd: string,
  indexFile: string,
  files: NewFileEntry[],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  // -z: names verbatim, NUL-terminated; "<mode> SP <id> TAB <name>" per entry.
  const input = Buffer.from(files.map((f) => `${f.newMode} ${f.newId}\t${f.file}\0`).join(''));
  const git = startGit(
    cwd,
    [...INDEX_IN_ONE_FILE, 'update-index', '-z', '--index-info'],
    { ...env, GIT_INDEX_FILE: indexFile },
    { input },
  );
  await readAll(git);
}
