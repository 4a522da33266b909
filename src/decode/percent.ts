/** Percent-encoding (`%73%67%70%5F`, or only some characters: `sgp%5F`): URLs, form bodies. */
import { Codec, DecodedUnit, DecodedWindow, decodeUnits } from './codec';
import { hexEscapeAt, hexOf, PERCENT } from './escapeSyntax';
import { hexEscapeForms } from './hexEscapeForms';

/** What encodeURIComponent leaves alone. */
const UNRESERVED = /^[A-Za-z0-9_.!~*'()-]$/;

export const percentCodec: Codec = {
  encoding: 'percent',
  forms: (plain, inner) =>
    hexEscapeForms(
      plain,
      inner,
      (code) => `%${hexOf(code)}`,
      (ch) => !UNRESERVED.test(ch),
    ),
  span: (text, hit, _form, lead, tail) => ({
    from: Math.max(0, hit - lead),
    to: Math.min(text.length, hit + tail),
    alignment: 0,
  }),
  decode: (text, from, to) => decodePercent(text, from, to),
};

/** `%XX` becomes its byte; anything else is kept. */
export function decodePercent(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, percentUnit);
}

function percentUnit(text: string, at: number, end: number): DecodedUnit {
  const byte = at + 3 <= end ? hexEscapeAt(text, at, PERCENT) : -1;
  return byte === -1 ? { ch: text[at], width: 1 } : { ch: String.fromCharCode(byte), width: 3 };
}
