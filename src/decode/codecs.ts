/** Every decoder, by encoding, and the forms of a string under them to the decoding depth. */
import { base64Codec } from './base64';
import { Codec, Encoding, ENCODINGS, Form, formText } from './codec';
import { escapesCodec } from './escapes';
import { hexCodec } from './hex';
import { percentCodec } from './percent';
import { quotedPrintableCodec } from './quotedPrintable';
import { utf16Codec } from './utf16';

export const CODECS: Record<Encoding, Codec> = {
  percent: percentCodec,
  escape: escapesCodec,
  hex: hexCodec,
  base64: base64Codec,
  utf16: utf16Codec,
  quotedPrintable: quotedPrintableCodec,
};

/** Encodings inside encodings: base64 of JSON holding a percent-encoded token is depth 2. */
export const MAX_DEPTH = 3;

/**
 * The forms `plain` takes under every chain of at most `depth` encodings, outermost first.
 * A form equal to its inner text (percent-encoding leaves base64 letters alone) adds nothing.
 */
export function formsOf(plain: string, depth = MAX_DEPTH): Form[] {
  // Asked for by the needles, the gate and the stage: computed once per process.
  const key = `${depth}\0${plain}`;
  let forms = formsCache.get(key);
  if (forms === undefined) {
    forms = computeForms(plain, depth);
    formsCache.set(key, forms);
  }
  return forms;
}

const formsCache = new Map<string, Form[]>();

/** Encodings that are never read inside a given one. */
function excluded(outer: Encoding, chain: Encoding[]): boolean {
  // UTF-16 is how a whole file is written: never inside itself, nor inside hex or QP.
  if (outer === 'utf16' && chain.includes('utf16')) return true;
  // Quoted-printable is how a whole e-mail body is written: never inside anything.
  if (chain.includes('quotedPrintable')) return true;
  return false;
}

function computeForms(plain: string, depth: number): Form[] {
  const forms: Form[] = [];
  const seen = new Set<string>([plain]);
  let inner: { text: string; chain: Encoding[]; hexAnyCase: boolean }[] = [
    { text: plain, chain: [], hexAnyCase: false },
  ];
  for (let level = 0; level < depth; level++) {
    const next: Form[] = [];
    for (const { text, chain, hexAnyCase } of inner) {
      for (const encoding of ENCODINGS) {
        if (excluded(encoding, chain)) continue;
        // Base64 and hex around an encoded form are read as runs (runs.ts), not searched as
        // forms: at the last level they would only be computed to be left out.
        if (level === depth - 1 && level > 0 && (encoding === 'base64' || encoding === 'hex'))
          continue;
        for (const shape of CODECS[encoding].forms(text, level > 0)) {
          const written = formText(shape);
          if (seen.has(written)) continue;
          seen.add(written);
          next.push({
            ...shape,
            // Hex digits of an inner form keep their freedom of case inside the outer one.
            hexAnyCase: shape.hexAnyCase || hexAnyCase,
            encoding,
            chain: [encoding, ...chain],
            expansion: Math.max(1, written.length / plain.length),
          });
        }
      }
    }
    forms.push(...next);
    inner = next.map((form) => ({
      text: formText(form),
      chain: form.chain,
      hexAnyCase: form.hexAnyCase,
    }));
  }
  return forms;
}
