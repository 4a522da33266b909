/**
 * The decoding stage. From a text (a line's bytes read as latin1, or a block of joined lines)
 * it yields decoded pieces: stretches of the text with their encodings undone, each with the
 * chain of encodings (outermost first), where every decoded unit came from in the text, and
 * which units were written encoded. The detector runs its rules on each piece.
 *
 * Like gitleaks' detect/codec, decoding starts where an encoded form of the token's prefix is
 * (anchors.ts), decodes the stretch around it once, and looks again inside what it decoded,
 * to MAX_DEPTH. Unlike a window per hit, the stretches of one encoding that touch are merged
 * and decoded once, so each level decodes at most the text it reads, per encoding: the work
 * is linear in the input. A budget (a multiple of the input's length) guards against input
 * built to defeat that; when it or the depth is reached, the result says so.
 */
import { Encoding, LEAD_UNITS, TAIL_UNITS } from './codec';
import { anchorSearches } from './anchors';
import { CODECS, MAX_DEPTH } from './codecs';

export type EncodingFilter = (encoding: Encoding) => boolean;

export interface DecodedPiece {
  text: string;
  /** Outermost first. */
  chain: Encoding[];
  /** Offset in the input where decoded unit i begins, and just past where it ends. */
  starts: Int32Array;
  ends: Int32Array;
  /** Unit i was written encoded (at some level), not passed through. */
  encoded: Uint8Array;
}

/** A bound the stage reached, so the text was not decoded as far as it could have been. */
export type DecodeBound = 'budget' | 'depth';

export interface StageResult {
  pieces: DecodedPiece[];
  /** Input characters decoded, all levels together. */
  decoded: number;
  bound?: DecodeBound;
}

/** Decoded characters allowed per input character, all levels together; and a floor. */
export const BUDGET_PER_CHAR = 12;
export const BUDGET_FLOOR = 4096;

export interface StageOptions {
  /** The plain text whose encoded forms open the way (`sgp_`). */
  plain: string;
  enabled: EncodingFilter;
  /** Decoded characters allowed; default BUDGET_PER_CHAR × length + BUDGET_FLOOR. */
  budget?: number;
}

interface Level {
  text: string;
  chain: Encoding[];
  /** Maps to the input (null: the input itself). */
  starts: Int32Array | null;
  ends: Int32Array | null;
  encoded: Uint8Array | null;
}

export function decodeText(input: string, options: StageOptions): StageResult {
  const result: StageResult = { pieces: [], decoded: 0 };
  let budget = options.budget ?? BUDGET_PER_CHAR * input.length + BUDGET_FLOOR;
  const queue: Level[] = [{ text: input, chain: [], starts: null, ends: null, encoded: null }];
  while (queue.length > 0) {
    const level = queue.shift() as Level;
    const depthLeft = MAX_DEPTH - level.chain.length;
    if (depthLeft === 0) {
      // Another encoded prefix inside the deepest piece: say so, do not decode it.
      if (
        anchorSearches(options.plain, 1).some((s) =>
          hasEncodedHit(s.pattern, level.text, options.plain),
        )
      )
        result.bound ??= 'depth';
      continue;
    }
    for (const search of anchorSearches(options.plain, depthLeft)) {
      if (!options.enabled(search.encoding)) continue;
      if (search.encoding === 'utf16' && level.chain.includes('utf16')) continue;
      // Quoted-printable is how a whole e-mail body is written: never inside anything.
      if (search.encoding === 'quotedPrintable' && level.chain.length > 0) continue;
      const codec = CODECS[search.encoding];
      for (const span of mergedSpans(search, level.text, options.plain)) {
        const cost = span.to - span.from;
        if (cost > budget) {
          result.bound = 'budget';
          continue;
        }
        budget -= cost;
        result.decoded += cost;
        const window = codec.decode(level.text, span.from, span.to);
        if (window.text.length === 0) continue;
        const piece = compose(level, window, search.encoding);
        result.pieces.push(piece);
        queue.push({ ...piece });
      }
    }
  }
  return result;
}

function hasEncodedHit(pattern: RegExp, text: string, plain: string): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] !== plain) return true;
    pattern.lastIndex = match.index + 1;
  }
  return false;
}

interface MergedSpan {
  from: number;
  to: number;
}

/**
 * Where to decode: around each hit (lead and tail sized by the form's expansion), merged
 * where they touch, per alignment class (a base64 hit at another group alignment is read
 * apart). Hits are searched overlapping, so a look-alike cannot hide the real form after it.
 */
function mergedSpans(
  search: ReturnType<typeof anchorSearches>[number],
  text: string,
  plain: string,
): MergedSpan[] {
  const codec = CODECS[search.encoding];
  const byAlignment = new Map<number, MergedSpan[]>();
  const { pattern, forms } = search;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    pattern.lastIndex = match.index + 1;
    // The form written plainly (a partial-encoding form read with nothing encoded) is no hit.
    if (match[0] === plain) continue;
    let formIndex = 1;
    while (match[formIndex] === undefined) formIndex++;
    const form = forms[formIndex - 1];
    const lead = Math.ceil(LEAD_UNITS * form.expansion) + 4;
    const tail = Math.ceil(TAIL_UNITS * form.expansion) + match[0].length;
    const span = codec.span(text, match.index, form, lead, tail);
    const spans = byAlignment.get(span.alignment) ?? [];
    byAlignment.set(span.alignment, spans);
    spans.push({ from: span.from, to: span.to });
  }
  const merged: MergedSpan[] = [];
  for (const spans of byAlignment.values()) {
    spans.sort((a, b) => a.from - b.from);
    let current: MergedSpan | null = null;
    for (const span of spans) {
      if (current && span.from <= current.to) current.to = Math.max(current.to, span.to);
      else merged.push((current = { ...span }));
    }
  }
  return merged;
}

/** A piece decoded from `level`: its maps composed down to the input. */
function compose(
  level: Level,
  window: { text: string; starts: number[]; ends: number[] },
  encoding: Encoding,
): DecodedPiece {
  const count = window.text.length;
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const encoded = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const from = window.starts[i];
    const to = window.ends[i];
    let changed = to - from !== 1 || window.text.charCodeAt(i) !== level.text.charCodeAt(from);
    if (level.starts && level.ends && level.encoded) {
      starts[i] = level.starts[from];
      ends[i] = level.ends[to - 1];
      for (let k = from; k < to && !changed; k++) changed = level.encoded[k] === 1;
    } else {
      starts[i] = from;
      ends[i] = to;
    }
    encoded[i] = changed ? 1 : 0;
  }
  return { text: window.text, chain: [...level.chain, encoding], starts, ends, encoded };
}
