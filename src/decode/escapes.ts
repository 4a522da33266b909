/** Backslash escapes of JSON, JavaScript, Python and C strings: `\u0073`, `\x73`, `\n`. */
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

const SIMPLE: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
  '"': '"',
  "'": "'",
  '\\': '\\',
  '/': '/',
};

function isPrintableAscii(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code >= 0x20 && code < 0x7f && ch !== '\\' && ch !== '"';
}

export const escapesCodec: Codec = {
  encoding: 'escape',
  forms(plain, inner) {
    const all = (lead: string, width: number) =>
      [...plain].map((ch) => lead + ch.charCodeAt(0).toString(16).padStart(width, '0')).join('');
    if ([...plain].every(isPrintableAscii)) {
      if (inner) return [];
      // Strings escape only what they must: a fully escaped prefix is written on purpose.
      return [
        { needle: all('\\u', 4), hexAnyCase: true, groupOffset: 0 },
        { needle: all('\\x', 2), hexAnyCase: true, groupOffset: 0 },
      ];
    }
    // As JSON writes a string: backslash and quote doubled, other bytes as \u00XX.
    const typical = [...plain]
      .map((ch) =>
        ch === '\\' || ch === '"'
          ? `\\${ch}`
          : isPrintableAscii(ch)
            ? ch
            : `\\u00${hexOf(ch.charCodeAt(0))}`,
      )
      .join('');
    return [{ needle: typical, hexAnyCase: true, groupOffset: 0 }];
  },
  decode(text, hit) {
    return decodeEscapes(text, Math.max(0, hit - 6 * LEAD_UNITS), hit + 6 * TAIL_UNITS);
  },
};

/** Escapes become their character (\u above 0xFF: its low byte, never a token's); the rest is kept. */
export function decodeEscapes(text: string, from: number, to: number): DecodedWindow {
  return decodeUnits(text, from, to, escapeUnit);
}

function escapeUnit(text: string, at: number): DecodedUnit {
  if (text[at] !== '\\' || at + 1 >= text.length) return { ch: text[at], width: 1 };
  const next = text[at + 1];
  const hexWidth = next === 'u' ? 4 : next === 'x' ? 2 : 0;
  if (hexWidth > 0 && hexRun(text, at + 2, hexWidth)) {
    const code = parseInt(text.slice(at + 2, at + 2 + hexWidth), 16);
    return { ch: code > 0xff ? '\u00ff' : String.fromCharCode(code), width: 2 + hexWidth };
  }
  return next in SIMPLE ? { ch: SIMPLE[next], width: 2 } : { ch: text[at], width: 1 };
}

function hexRun(text: string, at: number, width: number): boolean {
  if (at + width > text.length) return false;
  for (let i = at; i < at + width; i++) if (!isHexCode(text.charCodeAt(i))) return false;
  return true;
}
