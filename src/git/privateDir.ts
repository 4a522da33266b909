/**
 * A temporary directory only this user can read, for the index files that the large-commit
 * route writes for git grep (scan/newFileSearch.ts), removed however the scan ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new private directory under the system's temporary directory, or null if none can be made. */
export function makePrivateDir(): string | null {
  try {
    // mkdtemp makes it with mode 700.
    return mkdtempSync(join(tmpdir(), 'seg-hook-'));
  } catch {
    return null;
  }
}

/** Runs `use`, and removes `dir` afterwards (also when the process exits early, on a signal). */
export async function inPrivateDir<T>(dir: string, use: () => Promise<T>): Promise<T> {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  try {
    return await use();
  } finally {
    process.removeListener('exit', remove);
    remove();
  }
}
