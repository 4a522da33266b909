/**
 * Incremental parser for `git diff -U0 --text` output: it turns line segments into events for
 * every file that gains lines and every added line, without holding the diff in memory.
 *
 * Hunks are tracked by the line counts in their `@@` headers, never by sniffing prefixes: an
 * added line may itself begin with `++`, `--`, `@@` or `diff --git`.
 */
import { ScanError } from '../errors';
import { LineSegment } from './lineSplitter';
import { unquoteCString } from './unquote';

export interface AddedSegment {
  file: string;
  /** 1-based line number in the staged (new) version of the file. */
  line: number;
  /** Content bytes of this segment (the leading '+' is removed, and a final '\r' stripped). */
  bytes: Buffer;
  first: boolean;
  last: boolean;
}

export interface DiffHandlers {
  /**
   * Optional: `git log -p` streams carry a marker line before each commit's patch. Called for
   * every line between patches; returns true when the line was such a marker.
   */
  onBetweenPatches?(line: string): boolean;
  /** A file whose new side has content (called once per file, before its added lines). */
  onFile(file: string): void;
  onAddedSegment(segment: AddedSegment): void;
}

type State = 'start' | 'header' | 'hunk';

const PLUS = 0x2b;
const MINUS = 0x2d;
const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const SUBMODULE_MODE = '160000';

/** Extended header lines that carry nothing we need (see git-diff(1), "generating patches"). */
const IGNORED_HEADER_PREFIXES = [
  'old mode ',
  'new mode ',
  'deleted file mode ',
  'new file mode ',
  'similarity index ',
  'dissimilarity index ',
  'rename from ',
  'rename to ',
  'copy from ',
  'copy to ',
  'index ',
  '--- ',
  'Binary files ',
  'remerge ', // --diff-merges=remerge: "remerge CONFLICT (content): Merge conflict in f"
];

export class DiffParser {
  private state: State = 'start';
  private file: string | null = null;
  /** A "+++" line was seen in this file's header (its name may be /dev/null: a deletion). */
  private sawNewPath = false;
  private isSubmodule = false;
  private oldRemaining = 0;
  private newRemaining = 0;
  private newLine = 0;
  /** Set while the segments of one long content line are still arriving. */
  private continuation: 'added' | 'other' | null = null;
  private continuationLine = 0;

  constructor(private readonly handlers: DiffHandlers) {}

  push(segment: LineSegment): void {
    if (this.continuation) {
      this.continueContentLine(segment);
      return;
    }
    if (this.state === 'hunk') {
      this.hunkLine(segment);
      return;
    }
    if (!segment.last) {
      // Header lines are short (a quoted path is at most a few KiB); a huge one is not git's.
      throw badDiff('header line too long', segment.bytes);
    }
    this.headerLine(segment.bytes.toString('utf8'));
  }

  /** Call after the last segment: a diff may not end inside a hunk. */
  end(): void {
    if (this.state === 'hunk' || this.continuation) {
      throw new ScanError('bad-diff', 'unexpected git output: the diff ended inside a hunk');
    }
  }

  private headerLine(text: string): void {
    if (this.handlers.onBetweenPatches?.(text)) {
      this.state = 'start';
      this.file = null;
      return;
    }
    if (text.startsWith('diff --git ')) {
      this.state = 'header';
      this.file = null;
      this.sawNewPath = false;
      this.isSubmodule = false;
      return;
    }
    if (this.state === 'start') {
      if (text === '') return;
      throw badDiff('expected "diff --git"', Buffer.from(text));
    }
    if (text.startsWith('+++ ')) {
      this.file = parseNewPath(text.slice(4));
      this.sawNewPath = true;
      if (this.file !== null && !this.isSubmodule) this.handlers.onFile(this.file);
      return;
    }
    if (text.startsWith('@@ ')) {
      this.startHunk(text);
      return;
    }
    if (text.startsWith('\\')) return; // "\ No newline at end of file" after a hunk's last line
    if (
      (text.startsWith('index ') && text.endsWith(` ${SUBMODULE_MODE}`)) ||
      text === `new file mode ${SUBMODULE_MODE}` ||
      text === `new mode ${SUBMODULE_MODE}`
    ) {
      // A gitlink: its "content" is a commit id, not text we scan.
      this.isSubmodule = true;
      return;
    }
    if (IGNORED_HEADER_PREFIXES.some((prefix) => text.startsWith(prefix))) return;
    throw badDiff('unrecognised header line', Buffer.from(text));
  }

  /**
   * Fast lane for a whole content line that the caller knows holds nothing to report: only
   * the hunk counts move. Returns 'added' or 'other' when the line was consumed, null when it
   * must go through push() (not inside a hunk, or not a plain content line).
   */
  skipContentLine(firstByte: number | undefined): 'added' | 'other' | null {
    if (this.state !== 'hunk' || this.continuation) return null;
    if (firstByte === PLUS && this.newRemaining > 0) {
      this.newRemaining -= 1;
      this.newLine += 1;
    } else if (firstByte === MINUS && this.oldRemaining > 0) {
      this.oldRemaining -= 1;
    } else {
      return null; // context, markers and anything unexpected take the checked path
    }
    if (this.oldRemaining === 0 && this.newRemaining === 0) this.state = 'header';
    return firstByte === PLUS
      ? this.isSubmodule || this.file === null
        ? 'other'
        : 'added'
      : 'other';
  }

  private startHunk(text: string): void {
    const match = HUNK_HEADER.exec(text);
    if (!match) throw badDiff('malformed hunk header', Buffer.from(text));
    if (!this.sawNewPath && !this.isSubmodule) {
      throw badDiff('hunk without a "+++" file name', Buffer.from(text));
    }
    this.oldRemaining = match[1] === undefined ? 1 : Number(match[1]);
    this.newLine = Number(match[2]);
    this.newRemaining = match[3] === undefined ? 1 : Number(match[3]);
    if (this.oldRemaining + this.newRemaining > 0) this.state = 'hunk';
  }

  private hunkLine(segment: LineSegment): void {
    const bytes = segment.bytes;
    const marker = bytes.length === 0 ? ' ' : String.fromCharCode(bytes[0]);
    switch (marker) {
      case '+':
        if (this.newRemaining === 0) throw badDiff('more added lines than the hunk header says');
        this.newRemaining -= 1;
        this.emitAdded(bytes.subarray(1), segment.first, segment.last, this.newLine);
        this.continuation = segment.last ? null : 'added';
        this.continuationLine = this.newLine;
        this.newLine += 1;
        break;
      case '-':
        if (this.oldRemaining === 0) throw badDiff('more removed lines than the hunk header says');
        this.oldRemaining -= 1;
        this.continuation = segment.last ? null : 'other';
        break;
      case ' ':
        // Context lines only appear if a user setting widened the diff; count them all the same.
        if (this.oldRemaining === 0 || this.newRemaining === 0) {
          throw badDiff('more context lines than the hunk header says');
        }
        this.oldRemaining -= 1;
        this.newRemaining -= 1;
        this.newLine += 1;
        this.continuation = segment.last ? null : 'other';
        break;
      case '\\':
        // "\ No newline at end of file": belongs to the previous line, counts for nothing.
        if (!segment.last) throw badDiff('marker line too long');
        break;
      default:
        throw badDiff('unexpected line inside a hunk');
    }
    if (this.oldRemaining === 0 && this.newRemaining === 0 && this.continuation === null) {
      this.state = 'header';
    }
  }

  private continueContentLine(segment: LineSegment): void {
    if (this.continuation === 'added') {
      this.emitAdded(segment.bytes, false, segment.last, this.continuationLine);
    }
    if (segment.last) {
      this.continuation = null;
      if (this.oldRemaining === 0 && this.newRemaining === 0) this.state = 'header';
    }
  }

  private emitAdded(bytes: Buffer, first: boolean, last: boolean, line: number): void {
    if (this.isSubmodule || this.file === null) return;
    // CRLF files: the '\r' belongs to the line ending, not the content.
    const content =
      last && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.subarray(0, -1) : bytes;
    this.handlers.onAddedSegment({ file: this.file, line, bytes: content, first, last });
  }
}

/**
 * The path on a `+++ ` line: `/dev/null`, `"b/<C-quoted>"`, or `b/<name>` where git appends a
 * TAB when the name contains a space (diff.c: "name_a_tab").
 */
export function parseNewPath(rest: string): string | null {
  if (rest === '/dev/null') return null;
  let name: string;
  if (rest.startsWith('"')) {
    const unquoted = unquoteCString(rest);
    // git appends the TAB to a quoted name with a space too ("b/caf\303\251 menu.txt"<TAB>).
    const end = rest[unquoted.end] === '\t' ? unquoted.end + 1 : unquoted.end;
    if (end !== rest.length) throw badDiff('text after a quoted name', Buffer.from(rest));
    name = unquoted.name;
  } else {
    name = rest.endsWith('\t') ? rest.slice(0, -1) : rest;
  }
  if (!name.startsWith('b/')) throw badDiff('expected the "b/" prefix', Buffer.from(rest));
  return name.slice(2);
}

/**
 * A parse error. Hunk content is never quoted (a line may hold a credential of any shape); a
 * header sample has every long run of token-like characters masked for the same reason.
 */
function badDiff(problem: string, bytes?: Buffer): ScanError {
  if (!bytes) return new ScanError('bad-diff', `unexpected git output: ${problem}`);
  const sample = bytes
    .subarray(0, 80)
    .toString('utf8')
    .replace(/[A-Za-z0-9+/=_.~-]{12,}/g, '…');
  return new ScanError('bad-diff', `unexpected git output: ${problem} (${JSON.stringify(sample)})`);
}
