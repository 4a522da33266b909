/**
 * Base64, standard and URL-safe, padded or not: Kubernetes Secrets, docker `auth`, JWT-like
 * state parameters, PowerShell -EncodedCommand. A token may start at any of three byte
 * alignments inside the decoded bytes, so `sgp_` has three forms, each made of the base64
 * characters that its bits alone decide.
 */
import { Codec, DecodedWindow, GroupWindow } from './codec';

export const base64Codec: Codec = {
  encoding: 'base64',
  forms(plain) {
    const bytes = Buffer.from(plain, 'latin1');
    const forms = [];
    for (let alignment = 0; alignment < 3; alignment++) {
      // Characters k whose 6 bits lie inside the plain text's bits.
      const firstBit = 8 * alignment;
      const endBit = firstBit + 8 * bytes.length;
      const first = Math.ceil(firstBit / 6);
      const end = Math.floor(endBit / 6);
      const encoded = Buffer.concat([Buffer.alloc(alignment), bytes]).toString('base64');
      const needle = encoded.slice(first, end);
      const urlSafe = needle.replace(/\+/g, '-').replace(/\//g, '_');
      for (const text of urlSafe === needle ? [needle] : [needle, urlSafe]) {
        forms.push({
          units: [...text].map((ch) => [ch]),
          hexAnyCase: false,
          groupOffset: first % 4,
        });
      }
    }
    return forms;
  },
  span(text, hit, form, lead, tail) {
    const groupStart = Math.max(0, hit - form.groupOffset);
    let from = groupStart;
    while (from >= 4 && groupStart - from < lead && isBase64Run(text, from - 4, from)) from -= 4;
    let to = groupStart;
    const limit = groupStart + tail;
    while (to < text.length && to < limit && isBase64Code(text.charCodeAt(to))) to++;
    return { from, to, alignment: groupStart % 4 };
  },
  decode: (text, from, to) => decodeBase64(text, from, to),
  wraps: true,
};

export function isBase64Code(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2f ||
    code === 0x2d ||
    code === 0x5f
  );
}

function isBase64Run(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBase64Code(text.charCodeAt(i))) return false;
  return true;
}

/** `text[from..to)` is base64 from a group boundary on; Node reads both alphabets. */
export function decodeBase64(text: string, from: number, to: number): DecodedWindow {
  const decoded = Buffer.from(text.slice(from, to), 'base64').toString('latin1');
  return new GroupWindow(decoded, from, 3, 4);
}
