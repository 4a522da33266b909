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
import type * as Crypto from 'node:crypto';
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

/**
 * Written with one conversion for all names and one for all ids, and typed-array built-ins
 * per entry: Node's Buffer methods, called per entry in a process that has just started, cost
 * ~3 ms per thousand files more (measured on 2,000 new files).
 */
export function encodeIndex(files: NewFileEntry[]): Buffer {
  const entries = inByteOrder(files);
  const idLength = entries[0]?.newId.length ?? 40;
  const hash = HASHES[idLength];
  if (hash === undefined) throw unexpected(`an object id of ${idLength} hex digits`);
  const idBytes = idLength / 2;
  // Names hold no NUL (git separates them with it), so NUL ends each one here too.
  const names = plainBytes(Buffer.from(`${entries.map((entry) => entry.file).join('\0')}\0`));
  const ids = plainBytes(Buffer.from(entries.map((entry) => entry.newId).join(''), 'hex'));
  // Hex decoding stops at the first non-hex digit: a bad id leaves the ids short.
  if (ids.length !== entries.length * idBytes) throw unexpected('an object id that is not hex');
  const nameEnds = new Int32Array(entries.length);
  const fixed = STAT_BYTES + idBytes + FLAGS_BYTES;
  const sizeOf = (nameLength: number) => (fixed + nameLength + 8) & ~7;
  let total = 12;
  for (let i = 0, from = 0; i < entries.length; i++) {
    nameEnds[i] = names.indexOf(0, from);
    total += sizeOf(nameEnds[i] - from);
    from = nameEnds[i] + 1;
  }
  // Zero-filled: the stat data and the names' NUL padding.
  const file = Buffer.alloc(total + idBytes);
  const out = plainBytes(file);
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  file.write('DIRC', 0, 'latin1');
  view.setUint32(4, 2);
  view.setUint32(8, entries.length);
  for (let i = 0, at = 12, from = 0; i < entries.length; i++) {
    const { newMode, newId } = entries[i];
    const mode = MODES[newMode];
    if (mode === undefined) throw unexpected(`mode ${newMode} for a new regular file`);
    if (newId.length !== idLength) throw unexpected(`object id ${newId}`);
    const nameLength = nameEnds[i] - from;
    view.setUint32(at + MODE_OFFSET, mode);
    out.set(ids.subarray(i * idBytes, (i + 1) * idBytes), at + STAT_BYTES);
    view.setUint16(at + fixed - FLAGS_BYTES, Math.min(nameLength, NAME_MASK));
    out.set(names.subarray(from, nameEnds[i]), at + fixed);
    at += sizeOf(nameLength);
    from = nameEnds[i] + 1;
  }
  // Loaded here: only a large commit writes an index (see fingerprint.ts for the cost).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof Crypto;
  out.set(createHash(hash).update(out.subarray(0, total)).digest(), total);
  return file;
}

/**
 * `files` sorted by name, byte by byte. git lists them in that order already, which the names'
 * UTF-16 order confirms cheaply: it is their UTF-8 byte order unless a name holds a code unit
 * from U+D800 up (surrogates sort below U+E000-U+FFFF in UTF-16, above them in UTF-8).
 */
function inByteOrder(files: NewFileEntry[]): NewFileEntry[] {
  let sorted = !files.some((entry) => HIGH_CODE_UNIT.test(entry.file));
  for (let i = 1; sorted && i < files.length; i++) sorted = files[i - 1].file < files[i].file;
  if (sorted) return files;
  const keyed = files.map((entry) => ({ entry, name: Buffer.from(entry.file) }));
  keyed.sort((a, b) => Buffer.compare(a.name, b.name));
  return keyed.map(({ entry }) => entry);
}

const HIGH_CODE_UNIT = /[\uD800-\uFFFF]/;

/** The same memory as a plain Uint8Array: its methods are V8's, not Node's Buffer layer. */
function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** Writes the index of `files` to a new file only this user can read (fails if it exists). */
export function writeNewFileIndex(indexFile: string, files: NewFileEntry[]): void {
  writeFileSync(indexFile, encodeIndex(files), { mode: 0o600, flag: 'wx' });
}

function unexpected(what: string): ScanError {
  return new ScanError('bad-diff', `unexpected git output (diff --raw): ${what}`);
}
