/**
 * UTF-16, little- or big-endian, with or without a byte order mark (PowerShell, .reg exports,
 * some Windows editors). git treats such files as binary; read with --text, each line of the
 * diff holds the file's bytes between 0x0A bytes, NULs included. Around ASCII text both byte
 * orders look alike (`s\0g\0p\0_\0` inside either): pairs are read from the hit, low byte
 * first, which gives the ASCII characters of either order.
 */
import { Codec, DecodedWindow, LEAD_UNITS, TAIL_UNITS } from './codec';

export const utf16Codec: Codec = {
  encoding: 'utf16',
  forms(plain) {
    // The NUL after the last character is left out: in big-endian text it comes before.
    const needle = [...plain].join('\0');
    return [{ needle, hexAnyCase: false, groupOffset: 0 }];
  },
  decode(text, hit) {
    const from = hit - 2 * Math.min(LEAD_UNITS, Math.floor(hit / 2));
    return decodeUtf16Pairs(text, from, Math.min(text.length, hit + 2 * TAIL_UNITS));
  },
};

export function decodeUtf16Pairs(text: string, from: number, to: number): DecodedWindow {
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = from; i + 1 < to; i += 2) {
    // A pair whose other byte is not NUL is outside ASCII: kept as a byte no token holds.
    const low = text.charCodeAt(i);
    const high = text.charCodeAt(i + 1);
    out += high === 0 ? text[i] : low === 0 ? text[i + 1] : '\u00ff';
    starts.push(i);
    ends.push(i + 2);
  }
  return { text: out, starts, ends };
}
