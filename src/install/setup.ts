/** Which hook setup a hooks directory belongs to, and reading the files install cares about. */
import fs from 'node:fs';
import path from 'node:path';
import { ScanError } from '../errors';
import { FileSnapshot } from './fileOps';

export type HookSetup =
  { kind: 'plain'; hooksDir: string } | { kind: 'husky'; version: 8 | 9; huskyDir: string };

/**
 * husky v9 points core.hooksPath at `<dir>/_` (holding its `h` runner); husky v8 at `<dir>`,
 * with `<dir>/_/husky.sh`. Anything else is a plain hooks directory.
 */
export function detectSetup(hooksDir: string): HookSetup {
  if (path.basename(hooksDir) === '_') {
    if (fs.existsSync(path.join(hooksDir, 'h')) || !fs.existsSync(hooksDir)) {
      return { kind: 'husky', version: 9, huskyDir: path.dirname(hooksDir) };
    }
  }
  if (fs.existsSync(path.join(hooksDir, '_', 'husky.sh'))) {
    return { kind: 'husky', version: 8, huskyDir: hooksDir };
  }
  return { kind: 'plain', hooksDir };
}

/** The file at `file`, or null when there is none. Symbolic links are reported, not followed. */
export function readSnapshot(file: string): FileSnapshot | null {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cannotRead(file, error);
  }
  if (stat.isDirectory()) {
    throw new ScanError('install-failed', `${file} is a directory, not a hook file`);
  }
  try {
    const bytes = fs.readFileSync(file);
    const text = bytes.toString('utf8');
    // Not UTF-8: latin1 keeps every byte, so an edited file is written back byte for byte.
    const encoding = Buffer.from(text, 'utf8').equals(bytes) ? 'utf8' : 'latin1';
    return {
      content: encoding === 'utf8' ? text : bytes.toString('latin1'),
      encoding,
      mode: stat.mode & 0o777,
      symlink: stat.isSymbolicLink(),
    };
  } catch (error) {
    if (stat.isSymbolicLink()) {
      return { content: '', encoding: 'utf8', mode: stat.mode & 0o777, symlink: true };
    }
    throw cannotRead(file, error);
  }
}

function cannotRead(file: string, error: unknown): ScanError {
  const err = error as NodeJS.ErrnoException;
  return new ScanError('install-failed', `cannot read ${file}: ${err.code ?? err.message}`);
}
