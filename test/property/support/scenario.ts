/**
 * The property suite's model: a scenario is a pool of hostile file names, a sequence of steps
 * (write, edit, delete, rename, chmod, symlink, commit; each staged fully, partly or not at
 * all), a random set of hostile git settings and a way to finish (scan, scan from a
 * subdirectory, scan some paths, scan a temporary index, or a real `git commit` with a hook).
 * Scenarios are plain data: fast-check generates and shrinks them, and a counterexample can be
 * pasted into regressions.test.ts as a literal. No token appears in a scenario; tokens are
 * derived from `salt` when the scenario is played.
 */
import fc from 'fast-check';
import { DEFAULT_MAX_SEGMENT } from '../../../src/diff/lineSplitter';
import { EncodingName } from '../../helpers/encodings';
import { PlantedLine } from './encodedPlantings';
import { HOSTILE_SETTING_IDS, HostileSettingId } from './hostileSettings';

/** Where a planted token sits on its line: `open` before it, `close` just after. */
export interface TokenSlot {
  open: string;
  close: string;
  bodyLength: number;
  /** Written under these encodings (outermost first), or plain. */
  encoding?: EncodingName[];
}

export type LineSpec =
  /** Text without a newline: ASCII, Unicode, control characters, diff syntax. */
  | { kind: 'text'; text: string }
  /** Arbitrary bytes except the newline: NUL, invalid UTF-8, lone CRs. */
  | { kind: 'bytes'; bytes: number[] }
  /** One or more planted tokens, with text before, between and after them. */
  | { kind: 'token'; lead: string; slots: TokenSlot[]; gaps: string[]; trail: string }
  /** A long line: `piece` repeated to `size` bytes, optionally with a token at `at`. */
  | {
      kind: 'long';
      piece: string;
      size: number;
      token: {
        at: 'start' | 'middle' | 'end' | 'segment-limit';
        jitter: number;
        slot: TokenSlot;
      } | null;
    }
  /** A token planted under encodings the ways issue #19 lists (encodedPlantings.ts). */
  | { kind: 'planted'; line: PlantedLine };

export type Eol = 'lf' | 'crlf';

export interface Edit {
  /** Position, taken modulo (number of lines + 1). */
  at: number;
  remove: number;
  insert: LineSpec[];
  eol: Eol;
}

/** all: `git add`; none: work tree only; partial: the index gets part of the change. */
export type Staging = 'all' | 'none' | 'partial';

export type Step =
  | {
      kind: 'write';
      file: number;
      lines: LineSpec[];
      eol: Eol | 'mixed';
      finalNewline: boolean;
      staging: Staging;
      /** partial: how many lines (modulo) go into the index. */
      cut: number;
    }
  | { kind: 'edit'; file: number; edits: Edit[]; staging: Staging; cut: number }
  | { kind: 'delete'; file: number; how: 'git-rm' | 'rm-cached' | 'work-tree' }
  | { kind: 'rename'; from: number; to: number; edits: Edit[] }
  | { kind: 'chmod'; file: number; executable: boolean; how: 'index' | 'work-tree' }
  | { kind: 'symlink'; file: number; target: LineSpec | { kind: 'name'; file: number } }
  | { kind: 'commit' };

export type Finish =
  | { kind: 'scan' }
  | { kind: 'scan-subdir' }
  /** lint-staged style: absolute paths of some index entries (`pick` selects them). */
  | { kind: 'scan-paths'; pick: boolean[] }
  /** GIT_INDEX_FILE = a copy of the index with `git add -u` applied (what `commit -a` does). */
  | { kind: 'temp-index' }
  /** A real `git commit` whose pre-commit hook runs the CLI. */
  | { kind: 'hook'; style: 'plain' | 'all' | 'only' | 'include'; pick: boolean[] };

export interface Scenario {
  salt: number;
  names: string[];
  settings: HostileSettingId[];
  steps: Step[];
  finish: Finish;
}

// ---------------------------------------------------------------------------------------------
// Names: spaces, tabs, newlines, quotes, backslashes, leading dashes, `+++`, shell and pathspec
// metacharacters, non-ASCII. Git forbids NUL and `.git` components; `/` separates directories.

const NAME_PARTS = [
  'with space',
  'tab\tname',
  'new\nline',
  'cr\rname',
  'q"uote',
  "s'quote",
  'back\\slash',
  '-rf',
  '--help',
  '--output=x',
  '+++ b',
  '+++ b/evil',
  '@@ -1 +1 @@',
  'diff --git a b',
  '--- a',
  ' lead',
  'trail ',
  'café',
  '中文',
  '😀 emoji',
  '*?[x]',
  ':(glob)x',
  ':!x',
  '$(touch pwned)',
  '`touch pwned`',
  'a;b|c&d',
  '#hash',
  '~tilde',
  'x b',
  '"q"',
  'e\u0301',
  '\u00a0nbsp',
  '\x1b[31mred',
  'a\\b\\',
];
const NAME_CHARS = Array.from('abcXYZ09 \t\n\r"\\\'-+@é中😀*[:$`;#.\x01\x7f');

const nameSegment = fc
  .oneof(
    { arbitrary: fc.constantFrom(...NAME_PARTS), weight: 3 },
    {
      arbitrary: fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 1, maxLength: 10 }),
      weight: 3,
    },
    { arbitrary: fc.stringMatching(/^[a-z]{1,6}\.(js|txt|env|json|md)$/), weight: 2 },
  )
  .filter(isValidSegment);

function isValidSegment(segment: string): boolean {
  if (segment === '' || segment === '.' || segment === '..') return false;
  if (segment.includes('/') || segment.includes('\0')) return false;
  // git refuses .git in any case and (core.protectNTFS) its 8.3 and trailing-dot/space forms.
  const folded = segment.toLowerCase().replace(/[. ]+$/, '');
  if (folded.startsWith('.git') || /^git~\d/.test(folded)) return false;
  return Buffer.byteLength(segment) <= 60;
}

/** Names git and seg-hook read as configuration: a random one would change the rules. */
const RESERVED_AT_ROOT = new Set(['.seg-hookrc.json', 'package.json', '.seg-hook-baseline.json']);

const fileName = fc
  .array(nameSegment, { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join('/'))
  .filter((name) => !RESERVED_AT_ROOT.has(name));

/** No name may be a directory of another (`a` and `a/b` cannot both be files). */
export function withoutDirectoryConflicts(names: string[]): string[] {
  const kept: string[] = [];
  for (const name of names) {
    const conflicts = kept.some((k) => k.startsWith(`${name}/`) || name.startsWith(`${k}/`));
    if (!conflicts && !kept.includes(name)) kept.push(name);
  }
  return kept;
}

export const namePool = fc
  .uniqueArray(fileName, { minLength: 2, maxLength: 6 })
  .map(withoutDirectoryConflicts);

// ---------------------------------------------------------------------------------------------
// Contents.

const DIFF_LOOKALIKES = [
  '+++ b/x',
  '--- a/x',
  '@@ -1 +1 @@',
  '@@ -0,0 +1,3 @@',
  '\\ No newline at end of file',
  'diff --git a/x b/x',
  'index 0000000..1111111 100644',
  '++',
  '--',
  '+',
  '-',
  '\\',
  'Binary files a/x and b/x differ',
  '',
];
const CONTROL_CHARS = [
  '\t',
  '\r',
  '\0',
  '\x1b',
  '\\',
  '"',
  "'",
  '+',
  '-',
  '@',
  ' ',
  '\u00a0',
  '\ufeff',
  '\u2028',
];

/** Random text never spells what the rules look for: only planted tokens may be found. */
export function sanitize(text: string): string {
  return text
    .replace(/\n/g, ' ')
    .replace(/sgp_/gi, 'sgq_')
    .replace(/segment/gi, 'segmnt')
    .replace(/seg-hook:allow/gi, 'seg-hook:alow');
}

const textPiece = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...CONTROL_CHARS), maxLength: 8 }), weight: 2 },
  { arbitrary: fc.constantFrom(...DIFF_LOOKALIKES), weight: 3 },
);
const text = fc.array(textPiece, { maxLength: 4 }).map((pieces) => sanitize(pieces.join('')));

/** Before a token: anything, as long as the character just before `sgp_` is not [A-Za-z0-9_]. */
const LEADS = [
  '',
  '+',
  '-',
  '@@ -1 +1 @@ ',
  '\\ ',
  '++',
  '--',
  '+++ b/',
  ' ',
  '\t',
  'const k = ',
  'KEY=',
  'x ',
];
const OPENS = [
  '',
  '"',
  "'",
  '`',
  '=',
  ':',
  '(',
  '/',
  '@',
  ' ',
  '\t',
  '\0',
  ',',
  '[',
  '<',
  '\r',
  'é',
  // Escapes end in a letter or digit: the token right after one is still a token.
  '\\n',
  '\\t',
  '\\\\n',
  '\\u0022',
  '\\x20',
  '%20',
  '%3D',
  '%253D',
  '\x1b[1m',
  '&quot;',
  '&#34;',
];
/** After a token: anything that is not an ASCII letter or digit ends its body. */
const CLOSES = [
  '',
  '"',
  "'",
  '_',
  '-',
  '.',
  ' ',
  '\r',
  '\t',
  '\0',
  ';',
  ')',
  '/',
  'é',
  '\u00a0',
  '+',
];
const BODY_LENGTHS = [16, 17, 20, 32, 33, 40, 64, 64, 64, 100];

const tokenSlot: fc.Arbitrary<TokenSlot> = fc.record({
  open: fc.constantFrom(...OPENS),
  close: fc.constantFrom(...CLOSES),
  bodyLength: fc.constantFrom(...BODY_LENGTHS),
});

/** Chains of encodings a token is planted under (UTF-16 files have their own tests). */
export const PLANTED_CHAINS: EncodingName[][] = [
  ['base64'],
  ['percent'],
  ['escape'],
  ['hex'],
  ['percent', 'escape'],
  ['escape', 'escape'],
  ['percent', 'percent'],
];

const encodedSlot: fc.Arbitrary<TokenSlot> = fc.record({
  open: fc.constantFrom(' ', '"', '=', ':', '(', '\t'),
  close: fc.constantFrom(' ', '"', ';', ')', ''),
  bodyLength: fc.constantFrom(16, 20, 32, 64),
  encoding: fc.constantFrom(...PLANTED_CHAINS),
});

const tokenLine: fc.Arbitrary<LineSpec> = fc
  .record({
    lead: fc.oneof(fc.constantFrom(...LEADS), text),
    slots: fc.array(
      fc.oneof({ arbitrary: tokenSlot, weight: 3 }, { arbitrary: encodedSlot, weight: 1 }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    gaps: fc.array(text, { minLength: 2, maxLength: 2 }),
    trail: text,
  })
  .map((line) => ({ kind: 'token' as const, ...line }));

const SEGMENT_LIMIT_SIZE = DEFAULT_MAX_SEGMENT + 4096;

const longLine: fc.Arbitrary<LineSpec> = fc.record({
  kind: fc.constant('long' as const),
  piece: fc
    .oneof(
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
      fc.constantFrom('a', 'x1', '0', 'ab_cd', '/*-*/'),
    )
    .map(sanitize)
    .filter((piece) => piece.length > 0),
  size: fc.oneof(
    { arbitrary: fc.integer({ min: 2000, max: 40000 }), weight: 12 },
    // Longer than a line segment: the line reaches the scanner in two or three pieces.
    {
      arbitrary: fc.integer({ min: SEGMENT_LIMIT_SIZE, max: 2 * SEGMENT_LIMIT_SIZE + 60000 }),
      weight: 1,
    },
  ),
  token: fc.option(
    fc.record({
      at: fc.constantFrom(
        'start' as const,
        'middle' as const,
        'end' as const,
        'segment-limit' as const,
      ),
      jitter: fc.integer({ min: 0, max: 80 }),
      slot: tokenSlot,
    }),
    { nil: null, freq: 2 },
  ),
});

export const lineSpec: fc.Arbitrary<LineSpec> = fc.oneof(
  { arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })), weight: 6 },
  {
    arbitrary: fc
      .uint8Array({ maxLength: 40 })
      .map((bytes) => ({ kind: 'bytes' as const, bytes: Array.from(bytes) })),
    weight: 1,
  },
  { arbitrary: tokenLine, weight: 3 },
  { arbitrary: longLine, weight: 1 },
);

const eol = fc.constantFrom<Eol>('lf', 'lf', 'crlf');

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(60),
  remove: fc.nat(3),
  insert: fc.array(lineSpec, { maxLength: 4 }),
  eol,
});

const staging = fc.constantFrom<Staging>('all', 'all', 'all', 'none', 'partial');

function step(fileCount: number): fc.Arbitrary<Step> {
  const file = fc.nat(fileCount - 1);
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('write' as const),
        file,
        lines: fc.array(lineSpec, { maxLength: 10 }),
        eol: fc.constantFrom<Eol | 'mixed'>('lf', 'lf', 'crlf', 'mixed'),
        finalNewline: fc.boolean(),
        staging,
        cut: fc.nat(12),
      }),
      weight: 5,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        file,
        edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
        staging,
        cut: fc.nat(3),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        file,
        how: fc.constantFrom('git-rm' as const, 'rm-cached' as const, 'work-tree' as const),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('rename' as const),
        from: file,
        to: file,
        edits: fc.array(edit, { maxLength: 2 }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('chmod' as const),
        file,
        executable: fc.boolean(),
        how: fc.constantFrom('index' as const, 'work-tree' as const),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('symlink' as const),
        file,
        target: fc.oneof(
          { arbitrary: fc.record({ kind: fc.constant('name' as const), file }), weight: 2 },
          { arbitrary: tokenLine, weight: 1 },
          { arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })), weight: 1 },
        ),
      }),
      weight: 2,
    },
    { arbitrary: fc.constant({ kind: 'commit' as const }), weight: 2 },
  );
}

const picks = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 });

export const finish: fc.Arbitrary<Finish> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'scan' as const }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'scan-subdir' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('scan-paths' as const), pick: picks }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'temp-index' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('hook' as const),
      style: fc.constantFrom('plain' as const, 'all' as const, 'only' as const, 'include' as const),
      pick: picks,
    }),
    weight: 2,
  },
);

export const scenario: fc.Arbitrary<Scenario> = namePool.chain((names) =>
  fc.record({
    salt: fc.nat(),
    names: fc.constant(names),
    settings: fc.subarray([...HOSTILE_SETTING_IDS], { maxLength: 6 }),
    steps: fc.array(step(names.length), { minLength: 1, maxLength: 10 }),
    finish,
  }),
);
