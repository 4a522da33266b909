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
import { Form, formText } from './codec';
import { formsOf } from './codecs';
import { Dialect, literalSource } from './needleSource';

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
    for (const written of readings(form, plain)) {
      const text = cheapPiece(written, form);
      if (seen.has(text)) continue;
      seen.add(text);
      pieces.push({ text, form });
    }
  }
  return pieces;
}

/** Every way the form may be written, but the plain one (`sgp%5F`, `%73gp_`, …). */
function readings(form: Form, plain: string): string[] {
  let texts = [''];
  for (const alternatives of form.units) {
    texts = texts.flatMap((text) => alternatives.map((alternative) => text + alternative));
  }
  return texts.filter((text) => text !== plain);
}

/** A long enough piece stays rare; shorter ones would match ordinary text (`%5F`, `\\x5f`). */
const MIN_PIECE = 5;

/**
 * From the first rare character on (keeping at least MIN_PIECE characters); base64 from its
 * first character that is not a lower-case letter (c2dwX -> 2dwX: git's regex engines test
 * every position whose character can start a needle, and lower-case letters are most of
 * source text); hex letters dropped from the end of a long piece (7367705f -> 7367705).
 */
function cheapPiece(written: string, form: Form): string {
  const rare = written.search(RARE);
  let piece = rare > 0 ? written.slice(Math.min(rare, written.length - MIN_PIECE)) : written;
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
 * A line that may continue a token on the next: as a regex source for whole lines (git reads
 * line by line; the JS scanner asks isWrappableLine instead).
 */
export function wrappableLineSource(dialect: Dialect): string {
  const b64 = '[A-Za-z0-9+/_-]';
  const cr = dialect === 'ere' ? '\r?' : '\\r?';
  const soft = `^.{${WRAP_MIN - 2},${WRAP_MAX - 2}}[^ \t=]=${cr}$`;
  return `^[ \t]*${b64}{${WRAP_MIN},${WRAP_MAX}}${cr}$|${soft}`;
}

function isBase64Byte(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2f ||
    code === 0x2d ||
    code === 0x5f
  );
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
  for (; at < end; at++) if (!isBase64Byte(bytes[at])) return null;
  return 'base64';
}

/** The regex source of the gate pieces, grouped by their first character. */
export function gateSources(plain: string, dialect: Dialect): string[] {
  const groups = new Map<string, string[]>();
  for (const { text, form } of gatePieces(plain)) {
    const chars = [...text].map((ch) => literalSource(ch, dialect, form.hexAnyCase));
    const rest = chars.slice(1).join('');
    groups.set(chars[0], [...(groups.get(chars[0]) ?? []), rest]);
  }
  return [...groups].map(([first, rests]) =>
    rests.length === 1 ? first + rests[0] : `${first}(${rests.join('|')})`,
  );
}

export { formText };
