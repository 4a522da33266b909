/** Percent-encoding (`%73%67%70%5F`): URLs, form bodies, curl command lines. */
import {
  Codec,
  DecodedUnit,
  DecodedWindow,
  decodeUnits,
  hexOf,
  isHexCode,
  LEAD_UNITS,
  TAIL_UNITS,
} from './codec';

/** What encodeURIComponent leaves alone. */
const UNRESERVED = /^[A-Za-z0-9_.!~*'()-]*$/;

export const percentCodec: Codec = {
  encoding: 'percent',
  forms(plain, inner) {
    // Encoders leave letters and digits alone; a fully encoded prefix is the form to look for.
    // Text that holds other bytes (a NUL of UTF-16) is written with those encoded only.
    const full = [...plain].map((ch) => `%${hexOf(ch.charCodeAt(0))}`).join('');
    if (UNRESERVED.test(plain))
      return inner ? [] : [{ needle: full, hexAnyCase: true, groupOffset: 0 }];
    const typical = [...plain]
      .map((ch) => (UNRESERVED.test(ch) ? ch : `%${hexOf(ch.charCodeAt(0))}`))
      .join('');
    return [{ needle: typical, hexAnyCase: true, groupOffset: 0 }];
  },
  decode(text, hit) {
    return decodePercent(text, Math.max(0, hit - 3 * LEAD_UNITS), hit + 3 * TAIL_UNITS);
  },
};

/** `%XX` becomes its byte; anything else is kept. */
export function decodePercent(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, percentUnit);
}

function percentUnit(text: string, at: number): DecodedUnit {
  const escaped =
    text.charCodeAt(at) === 0x25 &&
    at + 2 < text.length &&
    isHexCode(text.charCodeAt(at + 1)) &&
    isHexCode(text.charCodeAt(at + 2));
  return escaped
    ? { ch: String.fromCharCode(parseInt(text.slice(at + 1, at + 3), 16)), width: 3 }
    : { ch: text[at], width: 1 };
}
