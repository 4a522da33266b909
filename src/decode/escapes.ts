/** Backslash escapes of JSON, JavaScript, Python and C strings: `\u0073`, `\x73`, `\n`. */
import { Codec, DecodedUnit, DecodedWindow, decodeUnits } from './codec';
import { backslashEscapeAt, hexOf } from './escapeSyntax';
import { hexEscapeForms } from './hexEscapeForms';

function isPrintableAscii(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x20 && code < 0x7f && ch !== '\\' && ch !== '"';
}

export const escapesCodec: Codec = {
  encoding: 'escape',
  forms(plain, inner) {
    if ([...plain].every(isPrintableAscii)) {
      if (inner) return [];
      // Strings escape only what they must: an escaped prefix (or part of it) is on purpose.
      return [
        ...hexEscapeForms(
          plain,
          false,
          (code) => `\\u00${hexOf(code)}`,
          () => false,
        ),
        ...hexEscapeForms(
          plain,
          false,
          (code) => `\\x${hexOf(code)}`,
          () => false,
        ),
      ];
    }
    // As JSON writes a string: backslash and quote doubled, other bytes as \u00XX.
    const units = [...plain].map((ch) => [
      ch === '\\' || ch === '"'
        ? `\\${ch}`
        : isPrintableAscii(ch)
          ? ch
          : `\\u00${hexOf(ch.charCodeAt(0))}`,
    ]);
    return [{ units, hexAnyCase: true, groupOffset: 0 }];
  },
  span: (text, hit, _form, lead, tail) => ({
    from: Math.max(0, hit - lead),
    to: Math.min(text.length, hit + tail),
    alignment: 0,
  }),
  decode: (text, from, to) => decodeEscapes(text, from, to),
};

/** Escapes become their character; the rest is kept. */
export function decodeEscapes(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, escapeUnit);
}

function escapeUnit(text: string, at: number, end: number): DecodedUnit {
  const escape = backslashEscapeAt(text, at);
  return escape && at + escape.width <= end ? escape : { ch: text[at], width: 1 };
}
