/**
 * Quoted-printable (`=73=67=70=5F`, `?key=3D` + token): e-mail bodies, `.eml` and MHTML
 * fixtures. A soft line break (`=` at the end of a line) is joined by the block reader
 * (wrappedLines.ts), not here.
 */
import { Codec, DecodedUnit, DecodedWindow, decodeUnits } from './codec';
import { EQUALS, hexEscapeAt, hexOf } from './escapeSyntax';
import { hexEscapeForms } from './hexEscapeForms';

/** `=` itself and bytes outside printable ASCII; the rest is written as it is. */
function mustEscape(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return ch === '=' || code < 0x20 || code > 0x7e;
}

export const quotedPrintableCodec: Codec = {
  encoding: 'quotedPrintable',
  // Encoders write the hex digits in upper case; either is read.
  forms: (plain, inner) =>
    hexEscapeForms(plain, inner, (code) => `=${hexOf(code).toUpperCase()}`, mustEscape),
  span: (text, hit, _form, lead, tail) => ({
    from: Math.max(0, hit - lead),
    to: Math.min(text.length, hit + tail),
    alignment: 0,
  }),
  decode: (text, from, to) => decodeQuotedPrintable(text, from, to),
  wraps: true,
};

export function decodeQuotedPrintable(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, qpUnit);
}

function qpUnit(text: string, at: number, end: number): DecodedUnit {
  const byte = at + 3 <= end ? hexEscapeAt(text, at, EQUALS) : -1;
  return byte === -1 ? { ch: text[at], width: 1 } : { ch: String.fromCharCode(byte), width: 3 };
}
