/** Hex dumps of bytes (`7367705f…`), in either case. */
import { Codec, DecodedWindow, GroupWindow } from './codec';
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

/** `text[from..to)` read as hex pairs, up to the first character that is not one. */
export function decodeHex(text: string, from: number, to: number): DecodedWindow {
  let end = from;
  while (end + 1 < to && isHexPair(text, end)) end += 2;
  const decoded = Buffer.from(text.slice(from, end), 'hex').toString('latin1');
  return new GroupWindow(decoded, from, 1, 2);
}
