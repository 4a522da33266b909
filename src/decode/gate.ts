/**
 * Which lines the decoding stage must see. Every line that git or the scanner's fast lane
 * skips must hold none of these, so they are part of the needles (detect/findingNeedles.ts):
 *
 * - a piece of every encoded form of `sgp_` to the stage's depth (each form the stage
 *   decodes from holds its piece), searched from a character that is cheap to look for;
 * - a line that an encoder may have wrapped inside a token: MIME base64 (60 to 80 base64
 *   characters and nothing else) and a quoted-printable soft break (a line of 60 to 80
 *   characters ending in `=`). A form split by the wrap is on neither line whole; the line
 *   before is kept instead, and the reader joins it to the next (wrappedLines.ts).
 */
import { isBase64Code } from './base64';
import { isAnchor } from './anchors';
import { Form } from './codec';
import { formsOf } from './codecs';
import { Dialect, escapeChar } from './needleSource';
import { RUN_MIN } from './runs';

const RARE = /[%\\\0=]/;

export interface GatePiece {
  /** The characters to search for, a substring of the form. */
  text: string;
  form: Form;
}

export function gatePieces(plain: string): GatePiece[] {
  const pieces: GatePiece[] = [];
  const seen = new Set<string>();
  for (const form of formsOf(plain)) {
    if (!isAnchor(form)) continue;
    for (const written of readings(form, plain)) {
      const text = cheapPiece(written, form);
      if (seen.has(text)) continue;
      seen.add(text);
      pieces.push({ text, form });
    }
  }
  // A piece that holds another adds nothing to a search for either.
  return pieces.filter(
    (piece) =>
      !pieces.some(
        (other) =>
          other !== piece &&
          other.text.length < piece.text.length &&
          // Either case of a hex digit holds the exact one, not the other way round.
          (other.form.hexAnyCase || !piece.form.hexAnyCase) &&
          piece.text.includes(other.text),
      ),
  );
}

/** Every way the form may be written, but the plain one (`sgp%5F`, `%73gp_`, …). */
function readings(form: Form, plain: string): string[] {
  let texts = [''];
  for (const alternatives of form.units) {
    texts = texts.flatMap((text) => alternatives.map((alternative) => text + alternative));
  }
  return texts.filter((text) => text !== plain);
}

/**
 * From the first rare character on (`sgp%5F` -> `%5F`: git's regex engines and V8 test every
 * position whose character can start a needle, and letters are most of source text; an
 * escape of `_`, `p` or `g` is rare enough); base64 from its first character that is not a
 * lower-case letter (c2dwX -> 2dwX); hex letters dropped from the end of a long piece
 * (7367705f -> 7367705).
 */
function cheapPiece(written: string, form: Form): string {
  const rare = written.search(RARE);
  let piece = rare > 0 ? written.slice(rare) : written;
  if (rare === -1 && !form.hexAnyCase) {
    const notLower = piece.search(/[^a-z]/);
    if (notLower > 0 && piece.length - notLower >= 4) piece = piece.slice(notLower);
  }
  if (!form.hexAnyCase || RARE.test(piece)) return piece;
  const firstLetter = piece.search(/[a-fA-F]/);
  return firstLetter >= 7 ? piece.slice(0, firstLetter) : piece;
}

/** Shortest and longest wrapped line (base64 and quoted-printable encoders write 60 to 80). */
export const WRAP_MIN = 60;
export const WRAP_MAX = 80;

/**
 * For git, which keeps or drops whole files: a line that may continue a token on the next.
 * A wrapped base64 line of an encoded token holds a run of letters and digits (runSource),
 * so only the soft break is asked for, without its width (cheaper to match: a quoted-printable
 * encoder never leaves a space or `=` before it). The scanner's fast lane asks wrapOf.
 */
export function softBreakSource(): string {
  // From the `=` (rare) back, not from every character before one.
  return '(?<![ \t=])=\\r?$';
}

/** What a wrapped line ends with, if anything: how the next line continues it. */
export type Wrap = 'base64' | 'soft-break';

/**
 * Whether `bytes[start, end)` (a line without its '\n') is a wrapped line, checked on bytes
 * without copying: the scanner's fast lane asks it of every line of 60 characters or more.
 */
export function wrapOf(bytes: Uint8Array, start: number, end: number): Wrap | null {
  if (end > start && bytes[end - 1] === 0x0d) end--;
  const length = end - start;
  if (length < WRAP_MIN) return null;
  if (bytes[end - 1] === 0x3d) {
    const before = bytes[end - 2];
    return length <= WRAP_MAX && before !== 0x20 && before !== 0x09 && before !== 0x3d
      ? 'soft-break'
      : null;
  }
  let at = start;
  while (at < end && (bytes[at] === 0x20 || bytes[at] === 0x09)) at++;
  if (end - at < WRAP_MIN || end - at > WRAP_MAX) return null;
  for (; at < end; at++) if (!isBase64Code(bytes[at])) return null;
  return 'base64';
}

/**
 * The regex source of the gate pieces, as a trie (`%(5[Cc]u00|2(5|…))…`): engines that try
 * alternatives one by one (V8, PCRE, glibc) then test a character once per position, not
 * once per piece. Hex letters of either case are one class.
 */
export function gateSource(plain: string): string {
  type Node = Map<string, Node>;
  const root: Node = new Map();
  const END = '';
  for (const { text, form } of gatePieces(plain)) {
    let node = root;
    for (const ch of text) {
      const key = escapeChar(ch, form.hexAnyCase);
      if (!node.has(key)) node.set(key, new Map());
      node = node.get(key) as Node;
    }
    node.set(END, new Map());
  }
  const group = (alternatives: string[]) =>
    alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
  // A piece that ends where a longer one goes on: the shorter one is enough for a search.
  const render = (node: Node): string =>
    node.has(END) ? '' : group([...node].map(([key, child]) => key + render(child)));
  return render(root);
}

/** A run of letters and digits that base64 or hex of an encoded token is (runs.ts). */
export function runSource(dialect: Dialect): string {
  const run = `[A-Za-z0-9]{${RUN_MIN}}`;
  if (dialect === 'js') return run;
  // From the start of a run only (one try per run, not per character); the same written as
  // UTF-16 (a letter beside each NUL, either byte order), tried from a NUL (rare) only.
  const wide = `\\x00(?:[A-Za-z0-9]\\x00){${RUN_MIN - 1}}|(?:\\x00[A-Za-z0-9]){${RUN_MIN}}`;
  return `(?<![A-Za-z0-9])${run}|${wide}`;
}
