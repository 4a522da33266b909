/**
 * An index file holding only some new files, for git grep to search (see stagedDiff.ts). It
 * is what `git update-index -z --index-info` writes for the same entries, byte for byte
 * (test/integration/newFileIndex.test.ts compares the two), made here because a large commit
 * searches its new files with several greps, each over an index of its own: a git process to
 * write each one cost about 5 ms of the commit's wall time.
 *
 * Format (git's Documentation/gitformat-index.txt), version 2, no extensions:
 *   header   "DIRC", version 2, entry count (32-bit big-endian each)
 *   entry    40 bytes of stat data (zero: the entries are never compared with files on disk),
 *            except the 32-bit mode at offset 24; the object id (20 bytes, 32 in a SHA-256
 *            repository); 16 bits of flags (the name's length, 0xFFF if longer); the name;
 *            1 to 8 NUL bytes, so that the entry's length is a multiple of 8
 *   trailer  the hash (SHA-1 or SHA-256, as the ids) of everything before it
 * Entries are sorted by name, byte by byte, as git requires.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { RawChange } from '../diff/parseRaw';
import { ScanError } from '../errors';

/** A new file as git diff --raw listed it: mode, blob id and name (valid UTF-8: exactName). */
export type NewFileEntry = Pick<RawChange, 'newMode' | 'newId' | 'file'>;

const STAT_BYTES = 40;
const MODE_OFFSET = 24;
const FLAGS_BYTES = 2;
const NAME_MASK = 0xfff;
const MODES: Record<string, number> = { '100644': 0o100644, '100755': 0o100755 };
/** Hex id length to the hash that also checksums the file. */
const HASHES: Record<number, string> = { 40: 'sha1', 64: 'sha256' };

export function encodeIndex(files: NewFileEntry[]): Buffer {
  const entries = files
    .map((file) => ({ ...file, name: Buffer.from(file.file, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.name, b.name));
  const idLength = entries[0]?.newId.length ?? 40;
  const hash = HASHES[idLength];
  if (hash === undefined) throw unexpected(`an object id of ${idLength} hex digits`);
  const fixed = STAT_BYTES + idLength / 2 + FLAGS_BYTES;
  const sizeOf = (nameLength: number) => (fixed + nameLength + 8) & ~7;
  const total = 12 + entries.reduce((sum, entry) => sum + sizeOf(entry.name.length), 0);
  // Zero-filled: the stat data and the name's NUL padding.
  const out = Buffer.alloc(total + idLength / 2);
  out.write('DIRC', 0, 'latin1');
  out.writeUInt32BE(2, 4);
  out.writeUInt32BE(entries.length, 8);
  let at = 12;
  for (const entry of entries) {
    const mode = MODES[entry.newMode];
    if (mode === undefined) throw unexpected(`mode ${entry.newMode} for a new regular file`);
    if (entry.newId.length !== idLength || !/^[0-9a-f]+$/.test(entry.newId)) {
      throw unexpected(`object id ${entry.newId}`);
    }
    out.writeUInt32BE(mode, at + MODE_OFFSET);
    out.write(entry.newId, at + STAT_BYTES, 'hex');
    out.writeUInt16BE(Math.min(entry.name.length, NAME_MASK), at + fixed - FLAGS_BYTES);
    entry.name.copy(out, at + fixed);
    at += sizeOf(entry.name.length);
  }
  createHash(hash).update(out.subarray(0, total)).digest().copy(out, total);
  return out;
}

/** Writes the index of `files` to a new file only this user can read (fails if it exists). */
export function writeNewFileIndex(indexFile: string, files: NewFileEntry[]): void {
  writeFileSync(indexFile, encodeIndex(files), { mode: 0o600, flag: 'wx' });
}

function unexpected(what: string): ScanError {
  return new ScanError('bad-diff', `unexpected git output (diff --raw): ${what}`);
}
