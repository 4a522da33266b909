/** Runs diff text through LineSplitter + DiffParser and collects whole added lines. */
import { DiffParser } from '../../../src/diff/parseDiff';
import { LineSplitter } from '../../../src/diff/lineSplitter';

export interface AddedLine {
  file: string;
  line: number;
  text: string;
}

export interface ParsedDiff {
  files: string[];
  added: AddedLine[];
}

export interface ParseOptions {
  /** Feed the input in chunks of this many bytes (default: one chunk). */
  chunkSize?: number;
  maxSegment?: number;
}

export function parseDiff(diff: string | Buffer, options: ParseOptions = {}): ParsedDiff {
  const files: string[] = [];
  const added: AddedLine[] = [];
  let open: { file: string; line: number; parts: Buffer[] } | null = null;
  const parser = new DiffParser({
    onFile: (file) => files.push(file),
    onAddedSegment(segment) {
      if (segment.first !== (open === null)) throw new Error('segment flags out of order');
      if (open && (open.file !== segment.file || open.line !== segment.line)) {
        throw new Error('a continued line changed file or line number');
      }
      open ??= { file: segment.file, line: segment.line, parts: [] };
      open.parts.push(Buffer.from(segment.bytes));
      if (segment.last) {
        added.push({
          file: open.file,
          line: open.line,
          text: Buffer.concat(open.parts).toString(),
        });
        open = null;
      }
    },
  });
  const splitter = new LineSplitter((segment) => parser.push(segment), options.maxSegment);
  const input = typeof diff === 'string' ? Buffer.from(diff, 'utf8') : diff;
  const size = options.chunkSize ?? Math.max(1, input.length);
  for (let at = 0; at < input.length; at += size) splitter.push(input.subarray(at, at + size));
  splitter.end();
  parser.end();
  if (open) throw new Error('an added line never got its last segment');
  return { files, added };
}

/** Joins diff lines with '\n' and a final newline, as git prints them. */
export function diffLines(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** git's C-style quoting of a path with core.quotePath=true (quote.c: quote_c_style). */
export function gitQuote(name: string): string {
  const simple: Record<number, string> = {
    0x07: '\\a',
    0x08: '\\b',
    0x09: '\\t',
    0x0a: '\\n',
    0x0b: '\\v',
    0x0c: '\\f',
    0x0d: '\\r',
    0x22: '\\"',
    0x5c: '\\\\',
  };
  let needsQuotes = false;
  let body = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    if (simple[byte] !== undefined) {
      body += simple[byte];
      needsQuotes = true;
    } else if (byte < 0x20 || byte >= 0x7f) {
      body += `\\${byte.toString(8).padStart(3, '0')}`;
      needsQuotes = true;
    } else {
      body += String.fromCharCode(byte);
    }
  }
  return needsQuotes ? `"${body}"` : body;
}

/** The `+++ ` line git prints for a new-side path (a TAB follows names that hold a space). */
export function plusPlusPlusLine(name: string): string {
  const quoted = gitQuote(`b/${name}`);
  return `+++ ${quoted}${name.includes(' ') ? '\t' : ''}`;
}

/** The `diff --git` header line for a path that keeps its name. */
export function diffGitLine(name: string): string {
  return `diff --git ${gitQuote(`a/${name}`)} ${gitQuote(`b/${name}`)}`;
}

/** A new-file section with the given content lines (what `git diff -U0` prints). */
export function newFileSection(name: string, lines: string[], noNewlineAtEnd = false): string[] {
  return [
    diffGitLine(name),
    'new file mode 100644',
    'index 0000000..1234567',
    '--- /dev/null',
    plusPlusPlusLine(name),
    `@@ -0,0 +1${lines.length === 1 ? '' : `,${lines.length}`} @@`,
    ...lines.map((line) => `+${line}`),
    ...(noNewlineAtEnd ? ['\\ No newline at end of file'] : []),
  ];
}
