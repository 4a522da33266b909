/**
 * Writers for encoded tokens, independent of src/decode: what real tools produce. Percent and
 * escapes encode every character of text they would leave alone (that is how a token gets
 * encoded at all), and only what they must of other text (the NULs of UTF-16).
 */
export type EncodingName = 'percent' | 'escape' | 'hex' | 'base64' | 'utf16';

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
};

/** `text` under `chain` (outermost first), as one character per byte. */
export function writeEncoded(text: string, chain: readonly EncodingName[]): string {
  return [...chain].reverse().reduce((inner, encoding) => WRITERS[encoding](inner), text);
}
