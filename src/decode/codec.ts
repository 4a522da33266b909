/**
 * What every decoder provides. Decoding runs on text where one character is one byte (the
 * line's bytes read as latin1; a decoded window is again one character per byte, or per code
 * unit for UTF-16), so positions are byte offsets and every decoded view maps back to bytes.
 */
export type Encoding = 'percent' | 'escape' | 'hex' | 'base64' | 'utf16';

export const ENCODINGS: readonly Encoding[] = ['percent', 'escape', 'hex', 'base64', 'utf16'];

/** One fixed string that any text holding `plain` under this encoding contains. */
export interface Form {
  encoding: Encoding;
  needle: string;
  /** Hex digits in the needle may be of either case (%5f, \u005F). */
  hexAnyCase: boolean;
  /** Base64: characters from the start of the 4-character group to the needle. */
  groupOffset: number;
  /** The form of a form: the encodings from the outermost in. */
  chain: Encoding[];
}

/** A bounded stretch of decoded text, with where each unit came from in its source. */
export interface DecodedWindow {
  text: string;
  /** Source offset where decoded unit i begins. */
  starts: number[];
  /** Source offset just past decoded unit i. */
  ends: number[];
}

/** One decoded unit: its character and how many source characters it was written with. */
export interface DecodedUnit {
  ch: string;
  width: number;
}

/**
 * Decodes `text` from `from` up to `to`, one unit at a time: `readUnit` says what the unit at
 * `at` is (null: no whole unit fits before `end`, the window ends), and each unit keeps
 * where it came from. The decoders that read units in place (percent, escapes, hex, UTF-16)
 * share this loop.
 */
export function decodeUnits(
  text: string,
  from: number,
  to: number,
  readUnit: (text: string, at: number, end: number) => DecodedUnit | null,
): DecodedWindow {
  const end = Math.min(text.length, to);
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = from; at < end;) {
    const unit = readUnit(text, at, end);
    if (unit === null) break;
    out += unit.ch;
    starts.push(at);
    ends.push(at + unit.width);
    at += unit.width;
  }
  return { text: out, starts, ends };
}

export interface Codec {
  encoding: Encoding;
  /**
   * The forms `plain` takes under this encoding. `inner`: `plain` is itself an encoded form,
   * so only what an encoder must change is changed (nobody percent-encodes base64 letters).
   */
  forms(
    plain: string,
    inner: boolean,
  ): { needle: string; hexAnyCase: boolean; groupOffset: number }[];
  /** Decodes a bounded window around a hit of one of this codec's forms at `hit`. */
  decode(text: string, hit: number, form: Form): DecodedWindow | null;
}

/** Decoded units kept before a hit (the character before a token decides its boundary). */
export const LEAD_UNITS = 16;
/** Decoded units kept from a hit on: a 64-character token escaped as \uXXXX is 408. */
export const TAIL_UNITS = 640;

export function isHexCode(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

export function hexOf(code: number): string {
  return code.toString(16).padStart(2, '0');
}
