/** Hex dumps of bytes (`7367705f…`), in either case. */
import { Codec, DecodedWindow, decodeUnits } from './codec';
import { hexOf, isHexCode } from './escapeSyntax';

export const hexCodec: Codec = {
  encoding: 'hex',
  forms(plain) {
    const units = [...plain].map((ch) => [hexOf(ch.charCodeAt(0))]);
    return [{ units, hexAnyCase: true, groupOffset: 0 }];
  },
  span(text, hit, _form, lead, tail) {
    // Pairs are counted from the hit: the run before it may have any length.
    let from = hit;
    while (from - 2 >= 0 && hit - from < lead && isHexPair(text, from - 2)) from -= 2;
    let to = hit;
    while (to - hit < tail && isHexPair(text, to)) to += 2;
    return { from, to, alignment: hit % 2 };
  },
  decode: (text, from, to) => decodeHex(text, from, to),
};

function isHexPair(text: string, at: number): boolean {
  return (
    at + 1 < text.length && isHexCode(text.charCodeAt(at)) && isHexCode(text.charCodeAt(at + 1))
  );
}

export function decodeHex(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, (source, at, end) =>
    at + 1 < end && isHexPair(source, at)
      ? { ch: String.fromCharCode(parseInt(source.slice(at, at + 2), 16)), width: 2 }
      : null,
  );
}
