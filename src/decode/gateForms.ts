/**
 * Which encoded forms of `sgp_` open the way to decoding. Every line git or the scanner skips
 * must hold none of them, so they are part of the needles (detect/findingNeedles.ts). Each
 * is searched as a piece of its form made of characters that are cheap to look for: digits
 * rather than hex letters of either case, and from a rare character (%, \, NUL) on.
 *
 * Depth 1: every encoding. Depth 2: the forms that hold a rare character (percent or escapes
 * around UTF-16 or escapes, and everything in UTF-16). Base64 inside base64 and other pairs
 * of common characters are decoded when the outer form leads to them, but do not open the
 * way by themselves: each such needle would cost every scanned byte a little more.
 */
import { Form } from './codec';
import { formsOf } from './codecs';

const RARE = /[%\\\0]/;

export interface GatePiece {
  /** The characters to search for, a substring of the form. */
  text: string;
  form: Form;
}

export function gatePieces(plain: string): GatePiece[] {
  const pieces: GatePiece[] = [];
  const seen = new Set<string>();
  for (const form of formsOf(plain)) {
    if (form.chain.length > 1 && !RARE.test(form.needle)) continue;
    const text = cheapPiece(form);
    if (seen.has(text)) continue;
    seen.add(text);
    pieces.push({ text, form });
  }
  return pieces;
}

/** A long enough piece stays rare; shorter ones would match ordinary escapes (`\\u005c`). */
const MIN_PIECE = 7;

/**
 * From the first rare character on; base64 from its first character that is not a lower-case
 * letter (c2dwX -> 2dwX: git's regex engines test every position whose character can start a
 * needle, and lower-case letters are most of source text); hex letters dropped from the end
 * (7367705f -> 7367705).
 */
function cheapPiece(form: Form): string {
  const rare = form.needle.search(RARE);
  let piece = rare > 0 ? form.needle.slice(rare) : form.needle;
  if (rare === -1 && !form.hexAnyCase) {
    const notLower = piece.search(/[^a-z]/);
    if (notLower > 0 && piece.length - notLower >= 4) piece = piece.slice(notLower);
  }
  if (!form.hexAnyCase) return piece;
  const firstLetter = piece.search(/[a-fA-F]/);
  return firstLetter >= MIN_PIECE ? piece.slice(0, firstLetter) : piece;
}
