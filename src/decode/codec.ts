/**
 * What every decoder provides. Decoding runs on text where one character is one byte (the
 * line's bytes read as latin1; a decoded piece is again one character per byte, or per code
 * unit for UTF-16), so positions are byte offsets and every decoded view maps back to bytes.
 */
export type Encoding = 'percent' | 'escape' | 'hex' | 'base64' | 'utf16' | 'quotedPrintable';

export const ENCODINGS: readonly Encoding[] = [
  'percent',
  'escape',
  'hex',
  'base64',
  'utf16',
  'quotedPrintable',
];

/**
 * One way any text holding `plain` under an encoding is written: a sequence of units, each of
 * which may be written in one of several ways (`s` or `%73`: an encoder may leave a character
 * alone or encode it).
 */
export interface Form {
  encoding: Encoding;
  /** The form's units: the alternatives for each, the first the most encoded. */
  units: string[][];
  /** Hex digits in the form may be of either case (%5f, \u005F). */
  hexAnyCase: boolean;
  /** Base64: characters from the start of the 4-character group to the form. */
  groupOffset: number;
  /** The encodings from the outermost in. */
  chain: Encoding[];
  /** How many source characters one plain character takes, about (sizes the piece to decode). */
  expansion: number;
}

/** The form written with every unit encoded: its longest reading. */
export function formText(form: Pick<Form, 'units'>): string {
  return form.units.map((alternatives) => alternatives[0]).join('');
}

/** A decoded stretch of text, with where each unit came from in its source. */
export interface DecodedWindow {
  text: string;
  /** Source offset where decoded unit i begins. */
  start(i: number): number;
  /** Source offset just past decoded unit i. */
  end(i: number): number;
}

/** A window whose units were read one by one: their places kept in arrays. */
export class UnitWindow implements DecodedWindow {
  constructor(
    readonly text: string,
    readonly starts: number[],
    readonly ends: number[],
  ) {}

  start(i: number): number {
    return this.starts[i];
  }

  end(i: number): number {
    return this.ends[i];
  }
}

/**
 * A window of fixed-width groups (`bytes` decoded units from every `width` source characters:
 * base64 3 from 4, hex 1 from 2): places computed, not stored.
 */
export class GroupWindow implements DecodedWindow {
  constructor(
    readonly text: string,
    private readonly from: number,
    private readonly bytes: number,
    private readonly width: number,
  ) {}

  start(i: number): number {
    // Byte j of a base64 group spans characters j and j + 1 of it.
    return this.from + Math.floor(i / this.bytes) * this.width + (i % this.bytes);
  }

  end(i: number): number {
    return this.start(i) + (this.bytes === 1 ? this.width : 2);
  }
}

/** One decoded unit: its character and how many source characters it was written with. */
export interface DecodedUnit {
  ch: string;
  width: number;
}

/**
 * Decodes `text` from `from` up to `to`, one unit at a time: `readUnit` says what the unit at
 * `at` is (null: no whole unit fits before `end`, the window ends), and each unit keeps where
 * it came from. The decoders that read units in place share this loop.
 */
export function decodeUnits(
  text: string,
  from: number,
  to: number,
  readUnit: (text: string, at: number, end: number) => DecodedUnit | null,
): UnitWindow {
  const end = Math.min(text.length, to);
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let at = from; at < end;) {
    const unit = readUnit(text, at, end);
    if (unit === null) break;
    out.push(unit.ch);
    starts.push(at);
    ends.push(at + unit.width);
    at += unit.width;
  }
  return new UnitWindow(out.join(''), starts, ends);
}

/** Where to decode for a hit: `[from, to)`, and a class that only pieces which share it merge in. */
export interface Span {
  from: number;
  to: number;
  /** Base64 and pair encodings: the alignment the piece is read at. */
  alignment: number;
}

export interface Codec {
  encoding: Encoding;
  /**
   * The forms `plain` takes under this encoding. `inner`: `plain` is itself an encoded form,
   * so only what an encoder must change is changed (nobody percent-encodes base64 letters).
   */
  forms(plain: string, inner: boolean): Pick<Form, 'units' | 'hexAnyCase' | 'groupOffset'>[];
  /** The stretch to decode around a hit at `hit`: `lead`/`tail` source characters each way. */
  span(text: string, hit: number, form: Form, lead: number, tail: number): Span;
  /** Decodes `text[from, to)`. */
  decode(text: string, from: number, to: number): DecodedWindow;
  /** Characters this encoding may cut a line at (MIME base64, quoted-printable soft breaks). */
  wraps?: boolean;
}

/** Decoded units kept before a hit (the character before a token decides its boundary). */
export const LEAD_UNITS = 16;
/** Decoded units kept from a hit on: a 64-character token and room for a longer run. */
export const TAIL_UNITS = 128;
