/**
 * `git diff --raw -z --no-abbrev` output: per changed file its modes, object ids, status and
 * name(s). Cheap for git (no file content is read), so the staged scan learns which files are
 * new before anything else: new regular files are searched with `git grep`, not diffed.
 *
 * Record: ":<old mode> <new mode> <old id> <new id> <status>[score]" NUL <name> NUL, and for a
 * rename or copy: NUL <old name> NUL <new name> NUL.
 */
import { ScanError } from '../errors';

export interface RawChange {
  /** The new name (repo-relative, `/` separators). */
  file: string;
  /**
   * The name's bytes are valid UTF-8: `file` names exactly this file and can be passed back to
   * git as an argument (Node encodes arguments as UTF-8; other bytes cannot be expressed).
   */
  exactName: boolean;
  /** A rename's or copy's old name (a pathspec must name both for git to see the rename). */
  oldFile?: string;
  /** Like exactName, for the old name. */
  exactOldName?: boolean;
  /** A (added), M, T, R, C, U, X: the first letter of git's status. */
  status: string;
  newMode: string;
  oldId: string;
  newId: string;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const HEADER = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])(\d*)$/;

/** The ids of the empty file in SHA-1 and SHA-256 repositories. */
const EMPTY_BLOB_IDS = new Set([
  'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
  '473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813',
]);

export function parseRawZ(output: Buffer): RawChange[] {
  const fields = splitNul(output);
  const changes: RawChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    if (fields[i] === '' && i === fields.length - 1) break;
    const match = HEADER.exec(fields[i]);
    if (!match)
      throw badRaw(`a record header was expected: ${JSON.stringify(fields[i].slice(0, 80))}`);
    // Indexed, not destructured: array destructuring goes through the iterator protocol, slow
    // in a process that has just started (2,000 changes: 4.6 -> 3.6 ms).
    const newMode = match[2];
    const oldId = match[3];
    const newId = match[4];
    const status = match[5];
    const twoNames = status === 'R' || status === 'C';
    const name = fields[i + (twoNames ? 2 : 1)] as string | undefined;
    if (name === undefined || name === '') throw badRaw('a record ends without its name');
    const { file, exactName } = decodeName(name);
    const change: RawChange = { file, exactName, status, newMode, oldId, newId };
    if (twoNames) {
      const old = decodeName(fields[i + 1]);
      change.oldFile = old.file;
      change.exactOldName = old.exactName;
    }
    changes.push(change);
    i += twoNames ? 2 : 1;
  }
  return changes;
}

/** A name field (latin1: one char per byte) as text, and whether that text is exact. */
function decodeName(name: string): { file: string; exactName: boolean } {
  // ASCII names (most) are their own UTF-8; others are decoded and checked both ways.
  const ascii = !NON_ASCII.test(name);
  const file = ascii ? name : Buffer.from(name, 'latin1').toString('utf8');
  const exactName = ascii || Buffer.from(file, 'utf8').equals(Buffer.from(name, 'latin1'));
  return { file, exactName };
}

/** NUL-separated fields as latin1 strings: one char per byte, so no byte is lost. */
function splitNul(output: Buffer): string[] {
  return output.toString('latin1').split('\0');
}

/**
 * The names a pathspec must match for git to see `change` as it is: a rename or copy is seen
 * only when both of its names pass the pathspecs (named by the new name alone, it is a new file).
 */
export function namesOf(change: RawChange): { name: string; exact: boolean }[] {
  const current = { name: change.file, exact: change.exactName };
  if (change.oldFile === undefined) return [current];
  return [current, { name: change.oldFile, exact: change.exactOldName ?? false }];
}

/** A new file git can search as a whole: every line of it is an added line. */
export function isNewRegularFile(change: RawChange): boolean {
  return change.status === 'A' && (change.newMode === '100644' || change.newMode === '100755');
}

/** The change leaves the file with content it did not have (not a pure rename or mode change). */
export function addsContent(change: RawChange): boolean {
  return change.newId !== change.oldId && !isEmptyBlob(change.newId);
}

export function isEmptyBlob(id: string): boolean {
  return EMPTY_BLOB_IDS.has(id);
}

function badRaw(problem: string): ScanError {
  return new ScanError('bad-diff', `unexpected git output (diff --raw): ${problem}`);
}
