/** Hex dumps of bytes (`7367705f…`), in either case. */
import {
  Codec,
  DecodedWindow,
  decodeUnits,
  hexOf,
  isHexCode,
  LEAD_UNITS,
  TAIL_UNITS,
} from './codec';

export const hexCodec: Codec = {
  encoding: 'hex',
  forms(plain) {
    const needle = [...plain].map((ch) => hexOf(ch.charCodeAt(0))).join('');
    return [{ needle, hexAnyCase: true, groupOffset: 0 }];
  },
  decode(text, hit) {
    // Pairs are counted from the hit: the run before it may have any length.
    let from = hit;
    while (from - 2 >= 0 && hit - from < 2 * LEAD_UNITS && isHexPair(text, from - 2)) from -= 2;
    let end = hit;
    while (end - hit < 2 * TAIL_UNITS && isHexPair(text, end)) end += 2;
    return decodeHex(text, from, end);
  },
};

function isHexPair(text: string, at: number): boolean {
  return (
    at + 1 < text.length && isHexCode(text.charCodeAt(at)) && isHexCode(text.charCodeAt(at + 1))
  );
}

export function decodeHex(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, (source, at, end) =>
    at + 1 < end
      ? { ch: String.fromCharCode(parseInt(source.slice(at, at + 2), 16)), width: 2 }
      : null,
  );
}
