/**
 * The forms of a string under an escape scheme that writes one character as one escape
 * (`%73`, `=73`, `\x73`, `\u0073`), shared by percent, quoted-printable and backslash escapes.
 */
import { Codec } from './codec';

/**
 * Plain text (a token's prefix): each character either escaped or left alone, as people write
 * partial encodings (`sgp%5F`, `%73gp_`); every character escaped is the first reading.
 * `inner` text (already an encoded form): only what an encoder must escape is escaped.
 */
export function hexEscapeForms(
  plain: string,
  inner: boolean,
  escape: (code: number) => string,
  mustEscape: (ch: string) => boolean,
): ReturnType<Codec['forms']> {
  const chars = [...plain];
  if (!chars.some(mustEscape)) {
    if (inner) return [];
    return [
      {
        units: chars.map((ch) => [escape(ch.charCodeAt(0)), ch]),
        hexAnyCase: true,
        groupOffset: 0,
      },
    ];
  }
  const units = chars.map((ch) => (mustEscape(ch) ? [escape(ch.charCodeAt(0))] : [ch]));
  return [{ units, hexAnyCase: true, groupOffset: 0 }];
}
