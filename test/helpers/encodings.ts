/**
 * Writers for encoded tokens, independent of src/decode: what real tools produce. Percent and
 * escapes encode every character of text they would leave alone (that is how a token gets
 * encoded at all), and only what they must of other text (the NULs of UTF-16).
 */
export type EncodingName = 'percent' | 'escape' | 'hex' | 'base64' | 'utf16' | 'quotedPrintable';

const UNRESERVED = /^[A-Za-z0-9_.!~*'()-]$/;
const hex2 = (code: number) => code.toString(16).padStart(2, '0');

export const WRITERS: Record<EncodingName, (text: string) => string> = {
  percent: (text) =>
    [...text].every((ch) => UNRESERVED.test(ch))
      ? [...text].map((ch) => `%${hex2(ch.charCodeAt(0))}`).join('')
      : [...text].map((ch) => (UNRESERVED.test(ch) ? ch : `%${hex2(ch.charCodeAt(0))}`)).join(''),
  escape: (text) =>
    /^[ -~]*$/.test(text) && !/["\\]/.test(text)
      ? [...text].map((ch) => `\\u00${hex2(ch.charCodeAt(0))}`).join('')
      : JSON.stringify(text).slice(1, -1),
  hex: (text) => Buffer.from(text, 'latin1').toString('hex'),
  base64: (text) => Buffer.from(`:${text}`, 'latin1').toString('base64'),
  utf16: (text) => Buffer.from(text, 'utf16le').toString('latin1'),
  quotedPrintable: (text) =>
    [...text].every((ch) => /[ -~]/.test(ch) && ch !== '=')
      ? [...text].map((ch) => `=${hex2(ch.charCodeAt(0)).toUpperCase()}`).join('')
      : [...text]
          .map((ch) =>
            /[ -~]/.test(ch) && ch !== '=' ? ch : `=${hex2(ch.charCodeAt(0)).toUpperCase()}`,
          )
          .join(''),
};

/**
 * What encoders write over text that is already encoded: only what they must (a URL encoder
 * leaves base64 letters alone, JSON escapes only quotes, backslashes and control bytes).
 */
export const MUST_WRITERS: Record<EncodingName, (text: string) => string> = {
  ...WRITERS,
  percent: (text) =>
    [...text]
      .map((ch) => (/[A-Za-z0-9_.!~*'()-]/.test(ch) ? ch : `%${hex2(ch.charCodeAt(0))}`))
      .join(''),
  escape: (text) => JSON.stringify(text).slice(1, -1),
  quotedPrintable: (text) =>
    [...text]
      .map((ch) =>
        /[ -~]/.test(ch) && ch !== '=' ? ch : `=${hex2(ch.charCodeAt(0)).toUpperCase()}`,
      )
      .join(''),
};

/**
 * `text` under `chain` (outermost first) as real tools write it: the innermost encoding
 * encodes every character (that is how a token gets encoded at all), the outer ones only
 * what they must. `lead` bytes go before the text inside the innermost base64 (its alignment).
 */
export function writeLayered(text: string, chain: readonly EncodingName[], lead = ''): string {
  const inner = chain[chain.length - 1];
  let written = inner === 'base64' ? base64After(lead, text) : WRITERS[inner](text);
  for (const encoding of [...chain].reverse().slice(1)) written = MUST_WRITERS[encoding](written);
  return written;
}

/** Base64 of `text` after `lead` bytes (alignment lead.length % 3), in either alphabet. */
export function base64After(lead: string, text: string, urlSafe = false): string {
  return Buffer.from(lead + text, 'latin1').toString(urlSafe ? 'base64url' : 'base64');
}

/** `text` cut into lines of `width` characters, as `base64` and `openssl base64` print it. */
export function wrapAt(text: string, width: number, eol = '\n'): string {
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += width) lines.push(text.slice(at, at + width));
  return lines.join(eol);
}

/**
 * Quoted-printable lines of at most `width` characters with soft breaks (`=` at the end), as
 * mail clients write them: never inside an `=XX` escape.
 */
export function softWrap(text: string, width = 76, eol = '\n'): string {
  const units = text.match(/=[0-9A-F]{2}|[^]/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    if (line.length + unit.length > width - 1) {
      lines.push(`${line}=`);
      line = '';
    }
    line += unit;
  }
  lines.push(line);
  return lines.join(eol);
}

/** `text` under `chain` (outermost first), as one character per byte. */
export function writeEncoded(text: string, chain: readonly EncodingName[]): string {
  return [...chain].reverse().reduce((inner, encoding) => WRITERS[encoding](inner), text);
}
