/**
 * Reading the files install and status look at: a hook as a snapshot (bytes, mode, link) that
 * a plan can be made from, or any text file that may be missing.
 */
import fs from 'node:fs';
import { ScanError } from '../../errors';
import { FileSnapshot } from './fileOps';

/** A file's text, or null when it is missing or cannot be read (what it would say is unknown). */
export function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
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
