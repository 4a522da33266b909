/** Every decoder, by encoding, and the forms of a string under them to the decoding depth. */
import { base64Codec } from './base64';
import { Codec, Encoding, ENCODINGS, Form } from './codec';
import { escapesCodec } from './escapes';
import { hexCodec } from './hex';
import { percentCodec } from './percent';
import { utf16Codec } from './utf16';

export const CODECS: Record<Encoding, Codec> = {
  percent: percentCodec,
  escape: escapesCodec,
  hex: hexCodec,
  base64: base64Codec,
  utf16: utf16Codec,
};

/** Encodings inside encodings: base64 of JSON holding a percent-encoded token is depth 2. */
export const MAX_DEPTH = 2;

/**
 * The forms `plain` takes under every chain of at most MAX_DEPTH encodings, outermost first.
 * A form equal to its inner text (percent-encoding leaves base64 letters alone) adds nothing.
 */
export function formsOf(plain: string, depth = MAX_DEPTH): Form[] {
  // Every hook run asks for the forms of `sgp_` several times (the git needles, the scanner's
  // gate, the decoder): computed once, they cost ~1.5 ms of a commit instead of ~6.
  const key = `${depth}\0${plain}`;
  let forms = formsCache.get(key);
  if (forms === undefined) {
    forms = computeForms(plain, depth);
    formsCache.set(key, forms);
  }
  return [...forms];
}

const formsCache = new Map<string, Form[]>();

function computeForms(plain: string, depth: number): Form[] {
  const forms: Form[] = [];
  const seen = new Set<string>([plain]);
  let inner: { needle: string; chain: Encoding[]; hexAnyCase: boolean }[] = [
    { needle: plain, chain: [], hexAnyCase: false },
  ];
  for (let level = 0; level < depth; level++) {
    const next: Form[] = [];
    for (const { needle, chain, hexAnyCase } of inner) {
      for (const encoding of ENCODINGS) {
        // UTF-16 is how a whole file is written: never inside itself.
        if (encoding === 'utf16' && chain.includes('utf16')) continue;
        for (const form of CODECS[encoding].forms(needle, level > 0)) {
          if (seen.has(form.needle)) continue;
          seen.add(form.needle);
          // Hex digits of an inner form keep their freedom of case inside the outer one.
          next.push({
            ...form,
            hexAnyCase: form.hexAnyCase || hexAnyCase,
            encoding,
            chain: [encoding, ...chain],
          });
        }
      }
    }
    forms.push(...next);
    inner = next;
  }
  return forms;
}
