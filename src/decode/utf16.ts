/**
 * UTF-16, little- or big-endian, with or without a byte order mark (PowerShell, .reg exports,
 * some Windows editors). git treats such files as binary; read with --text, each line of the
 * diff holds the file's bytes between 0x0A bytes, NULs included. Around ASCII text both byte
 * orders look alike (`s\0g\0p\0_\0` inside either): pairs are read from the hit, low byte
 * first, which gives the ASCII characters of either order.
 */
import { Codec, DecodedUnit, DecodedWindow, decodeUnits } from './codec';

export const utf16Codec: Codec = {
  encoding: 'utf16',
  forms(plain) {
    // The NUL after the last character is left out: in big-endian text it comes before.
    const units = [...plain].map((ch, i) => [i === 0 ? ch : `\0${ch}`]);
    return [{ units, hexAnyCase: false, groupOffset: 0 }];
  },
  span(text, hit, _form, lead, tail) {
    const from = hit - 2 * Math.floor(Math.min(lead, hit) / 2);
    const to = Math.min(text.length, hit + tail);
    return { from, to, alignment: hit % 2 };
  },
  decode: (text, from, to) => decodeUtf16Pairs(text, from, to),
};

export function decodeUtf16Pairs(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, utf16Unit);
}

function utf16Unit(text: string, at: number, end: number): DecodedUnit | null {
  if (at + 1 >= end) return null;
  // A pair whose other byte is not NUL is outside ASCII: kept as a byte no token holds.
  const low = text.charCodeAt(at);
  const high = text.charCodeAt(at + 1);
  return { ch: high === 0 ? text[at] : low === 0 ? text[at + 1] : '\u00ff', width: 2 };
}
