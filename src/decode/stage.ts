/**
 * The decoding stage. From a text (a line's bytes read as latin1, or a block of joined lines)
 * it yields decoded pieces: stretches of the text with their encodings undone, each with the
 * chain of encodings (outermost first) and a way back to where every decoded unit came from.
 * The detector runs its rules on each piece (detect/encodedTokens.ts).
 *
 * Like gitleaks' detect/codec, it finds encoded stretches, decodes each once, and looks again
 * inside what it decoded, to MAX_DEPTH. Two kinds of stretches open the way:
 * - around a hit of an encoded form of the prefix (anchors.ts): percent, escapes,
 *   quoted-printable and UTF-16 to any depth, base64 and hex of the prefix itself;
 * - a run of RUN_MIN letters and digits or more, decoded whole as base64 (and as hex when it
 *   is one): what base64 or hex of an encoded token looks like, whatever is inside.
 * Stretches of one encoding that touch are merged and decoded once, so each level decodes at
 * most the text it reads, per encoding: the work is linear in the input. A budget (a multiple
 * of the input's length) guards against input built to defeat that; when it or the depth is
 * reached, the result says so.
 */
import { DecodedWindow, Encoding, LEAD_UNITS, TAIL_UNITS } from './codec';
import { AnchorSearch, anchorSearches } from './anchors';
import { CODECS, MAX_DEPTH } from './codecs';
import { alnumRuns, base64RunAround, RUN_MIN } from './runs';

export type EncodingFilter = (encoding: Encoding) => boolean;

/** A stretch of decoded text and its way back to the input. */
export interface DecodedPiece {
  text: string;
  /** Outermost first. */
  chain: Encoding[];
  window: DecodedWindow;
  /** The text it was decoded from. */
  source: string;
  /** The piece that text is (null: the input itself). */
  parent: DecodedPiece | null;
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
  piece: DecodedPiece | null;
}

interface Span {
  from: number;
  to: number;
}

export function decodeText(input: string, options: StageOptions): StageResult {
  const result: StageResult = { pieces: [], decoded: 0 };
  let budget = options.budget ?? BUDGET_PER_CHAR * input.length + BUDGET_FLOOR;
  const queue: Level[] = [{ text: input, chain: [], piece: null }];
  for (let next = 0; next < queue.length; next++) {
    const level = queue[next];
    const depthLeft = MAX_DEPTH - level.chain.length;
    if (depthLeft === 0) {
      // Another encoded prefix inside the deepest piece: say so, do not decode it.
      if (hasEncodedPrefix(level.text, options)) result.bound ??= 'depth';
      continue;
    }
    for (const [encoding, spans] of spansOf(level, depthLeft, options)) {
      const codec = CODECS[encoding];
      for (const span of spans) {
        const cost = span.to - span.from;
        if (cost > budget) {
          result.bound = 'budget';
          continue;
        }
        budget -= cost;
        result.decoded += cost;
        const window = codec.decode(level.text, span.from, span.to);
        if (window.text.length === 0) continue;
        const piece: DecodedPiece = {
          text: window.text,
          chain: [...level.chain, encoding],
          window,
          source: level.text,
          parent: level.piece,
        };
        result.pieces.push(piece);
        queue.push({ text: piece.text, chain: piece.chain, piece });
      }
    }
  }
  return result;
}

/** The stretches to decode in `level`, by encoding, merged where they touch. */
function spansOf(level: Level, depthLeft: number, options: StageOptions): Map<Encoding, Span[]> {
  const spans = new Map<Encoding, Map<number, Span[]>>();
  const add = (encoding: Encoding, alignment: number, span: Span) => {
    const byAlignment = spans.get(encoding) ?? new Map<number, Span[]>();
    spans.set(encoding, byAlignment);
    byAlignment.set(alignment, [...(byAlignment.get(alignment) ?? []), span]);
  };
  for (const search of anchorSearches(options.plain, depthLeft)) {
    if (!allowed(search.encoding, level.chain, options)) continue;
    for (const hit of hitsOf(search, level.text, options.plain)) {
      const span = CODECS[search.encoding].span(level.text, hit.at, hit.form, hit.lead, hit.tail);
      add(search.encoding, span.alignment, span);
    }
  }
  // Base64 or hex around an encoded token: a run of letters and digits, decoded whole.
  if (depthLeft >= 2) {
    for (const run of alnumRuns(level.text, RUN_MIN)) {
      if (allowed('base64', level.chain, options)) {
        // The whole base64 run: `+/-_` come from bytes outside ASCII, near the token or not.
        const whole = base64RunAround(level.text, run);
        add('base64', whole.from % 4, whole);
      }
      if (run.hex && allowed('hex', level.chain, options)) {
        add('hex', run.from % 2, run);
        // An odd count: the pairs may begin one digit in.
        if ((run.to - run.from) % 2 === 1)
          add('hex', (run.from + 1) % 2, { from: run.from + 1, to: run.to });
      }
    }
  }
  const merged = new Map<Encoding, Span[]>();
  for (const [encoding, byAlignment] of spans) {
    const list: Span[] = [];
    for (const group of byAlignment.values()) {
      group.sort((a, b) => a.from - b.from);
      let current: Span | null = null;
      for (const span of group) {
        if (current && span.from <= current.to) current.to = Math.max(current.to, span.to);
        else list.push((current = { from: span.from, to: span.to }));
      }
    }
    merged.set(encoding, list);
  }
  return merged;
}

function allowed(encoding: Encoding, chain: Encoding[], options: StageOptions): boolean {
  if (!options.enabled(encoding)) return false;
  // UTF-16 is how a whole file is written: never inside itself.
  if (encoding === 'utf16' && chain.includes('utf16')) return false;
  // Quoted-printable is how a whole e-mail body is written: never inside anything.
  return encoding !== 'quotedPrintable' || chain.length === 0;
}

interface Hit {
  at: number;
  form: AnchorSearch['forms'][number];
  lead: number;
  tail: number;
}

/**
 * Hits of a search, overlapping (a look-alike cannot hide the real form after it), each with
 * the lead and tail its form needs: 16 decoded units before, 128 after, times its expansion.
 */
function hitsOf(search: AnchorSearch, text: string, plain: string): Hit[] {
  const hits: Hit[] = [];
  const { pattern, forms } = search;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    pattern.lastIndex = match.index + 1;
    // A partial-encoding form read with nothing encoded is the plain prefix: no hit.
    if (match[0] === plain) continue;
    let formIndex = 1;
    while (match[formIndex] === undefined) formIndex++;
    const form = forms[formIndex - 1];
    hits.push({
      at: match.index,
      form,
      lead: Math.ceil(LEAD_UNITS * form.expansion) + 4,
      tail: Math.ceil(TAIL_UNITS * form.expansion) + match[0].length,
    });
  }
  return hits;
}

function hasEncodedPrefix(text: string, options: StageOptions): boolean {
  return anchorSearches(options.plain, 1).some(
    (search) => options.enabled(search.encoding) && hitsOf(search, text, options.plain).length > 0,
  );
}

/** Where decoded units `[from, to)` of `piece` came from in the input. */
export function sourceSpan(piece: DecodedPiece, from: number, to: number): [number, number] {
  let start = piece.window.start(from);
  let end = piece.window.end(to - 1);
  for (let parent = piece.parent; parent; parent = parent.parent) {
    start = parent.window.start(start);
    end = parent.window.end(end - 1);
  }
  return [start, end];
}

/** Whether any of the units `[from, to)` of `piece` was written encoded, at any level. */
export function writtenEncoded(piece: DecodedPiece, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const start = piece.window.start(i);
    if (piece.window.end(i) - start !== 1) return true;
    if (piece.source.charCodeAt(start) !== piece.text.charCodeAt(i)) return true;
  }
  // Every unit passed through unchanged here: was it encoded further out?
  if (!piece.parent) return false;
  return writtenEncoded(piece.parent, piece.window.start(from), piece.window.end(to - 1));
}
