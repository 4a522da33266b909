/** Percent-encoding (`%73%67%70%5F`): URLs, form bodies, curl command lines. */
import { Codec, DecodedWindow, hexOf, isHexCode, LEAD_UNITS, TAIL_UNITS } from './codec';

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
  const end = Math.min(text.length, to);
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = from; i < end;) {
    const escaped =
      text.charCodeAt(i) === 0x25 &&
      i + 2 < text.length &&
      isHexCode(text.charCodeAt(i + 1)) &&
      isHexCode(text.charCodeAt(i + 2));
    const width = escaped ? 3 : 1;
    out += escaped ? String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16)) : text[i];
    starts.push(i);
    ends.push(i + width);
    i += width;
  }
  return { text: out, starts, ends };
}
