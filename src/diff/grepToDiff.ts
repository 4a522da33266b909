/**
 * Turns `git grep -z -n -H` output (name NUL line-number NUL content LF, one record per
 * matching or context line, `--` lines between groups) into the `-U0` patch text of the same lines as added lines, so that new
 * files searched by git grep go through the very same parser and matcher as diffed ones.
 *
 * Streaming and byte-exact: content bytes pass through untouched however long the line (a
 * 20 MB one-line file arrives in many chunks); names are C-quoted as git quotes them, which
 * the diff parser decodes back to the same bytes.
 */
import { ScanError } from '../errors';

const NUL = 0x00;
const NEWLINE = 0x0a;
/** A file name or line number longer than this is not git grep's output. */
const MAX_FIELD = 1 << 16;

type State = 'name' | 'number' | 'content';

export class GrepToDiff {
  private state: State = 'name';
  private field: Buffer[] = [];
  private fieldLength = 0;
  private nameBytes: Buffer | null = null;
  private currentName: Buffer | null = null;

  /** The patch bytes for `chunk` (possibly empty). */
  push(chunk: Buffer): Buffer {
    const out: Buffer[] = [];
    let start = 0;
    while (start < chunk.length) {
      if (this.state === 'content') {
        const newline = chunk.indexOf(NEWLINE, start);
        const end = newline === -1 ? chunk.length : newline + 1;
        out.push(chunk.subarray(start, end));
        if (newline !== -1) this.state = 'name';
        start = end;
        continue;
      }
      const nul = chunk.indexOf(NUL, start);
      const end = nul === -1 ? chunk.length : nul;
      this.collect(chunk.subarray(start, end));
      if (nul === -1) break;
      start = nul + 1;
      const value = Buffer.concat(this.field, this.fieldLength);
      this.field = [];
      this.fieldLength = 0;
      if (this.state === 'name') {
        this.nameBytes = withoutSeparators(value);
        this.state = 'number';
      } else {
        out.push(this.hunkStart(value));
        this.state = 'content';
      }
    }
    // Most chunks of a long line are one piece: hand it on without a copy.
    return out.length === 1 ? out[0] : Buffer.concat(out);
  }

  /** Call after the last chunk: the output may not stop inside a record. */
  end(): void {
    if (this.state !== 'name' || this.fieldLength > 0) {
      throw new ScanError('bad-diff', 'unexpected git output: git grep stopped inside a line');
    }
  }

  private collect(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.fieldLength += bytes.length;
    if (this.fieldLength > MAX_FIELD) {
      throw new ScanError('bad-diff', 'unexpected git output: git grep name field too long');
    }
    this.field.push(bytes);
  }

  /** A file header when the name changes, then the one-line hunk header and the '+'. */
  private hunkStart(numberBytes: Buffer): Buffer {
    const line = numberBytes.toString('latin1');
    if (!/^[1-9]\d*$/.test(line) || this.nameBytes === null) {
      throw new ScanError('bad-diff', 'unexpected git output: git grep line number expected');
    }
    let header = '';
    if (this.currentName === null || !this.currentName.equals(this.nameBytes)) {
      this.currentName = this.nameBytes;
      const a = quoteName('a/', this.nameBytes);
      const b = quoteName('b/', this.nameBytes);
      header = `diff --git ${a} ${b}\nnew file mode 100644\n--- /dev/null\n+++ ${b}\n`;
    }
    return Buffer.from(`${header}@@ -0,0 +${line} @@\n+`, 'latin1');
  }
}

const SEPARATOR = Buffer.from('--\n');

/**
 * With context lines, git grep writes `--` on a line of its own between groups that do not
 * touch; under -z it is read into the next record's name. (A name that itself began with
 * `--` and a line break would lose them: it is still scanned, under the rest of its name.)
 */
function withoutSeparators(name: Buffer): Buffer {
  let from = 0;
  while (name.length - from > SEPARATOR.length && name.subarray(from, from + 3).equals(SEPARATOR)) {
    from += SEPARATOR.length;
  }
  return from === 0 ? name : name.subarray(from);
}

const isPlain = (byte: number) => byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;

/**
 * `<prefix><name>` as git writes it with core.quotePath: plain when every byte is printable
 * ASCII other than `"` and `\`, else in quotes with those bytes octal-escaped.
 */
export function quoteName(prefix: string, name: Buffer): string {
  if (name.every(isPlain)) return `${prefix}${name.toString('latin1')}`;
  let quoted = `"${prefix}`;
  for (const byte of name) {
    quoted += isPlain(byte) ? String.fromCharCode(byte) : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${quoted}"`;
}
