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
import { base64RunAround, hexRuns, nextAlnumRun, RUN_MIN, utf16Runs } from './runs';

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

/** Bytes of a long run decoded first, to tell text from data. */
const PROBE_BYTES = 255;

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

/** A stretch to decode; `shifts`: a run, whose alignments (4 or 2) may be tried in turn. */
interface Stretch extends Span {
  encoding: Encoding;
  shifts?: number;
}

export function decodeText(input: string, options: StageOptions): StageResult {
  const result: StageResult = { pieces: [], decoded: 0 };
  let budget = options.budget ?? BUDGET_PER_CHAR * input.length + BUDGET_FLOOR;
  const queue: Level[] = [{ text: input, chain: [], piece: null }];
  /** Input spans of encoded prefixes left inside the deepest pieces, and of those decoded. */
  const deepest: Span[] = [];
  const opened: Span[] = [];
  for (let next = 0; next < queue.length; next++) {
    const level = queue[next];
    const depthLeft = MAX_DEPTH - level.chain.length;
    if (depthLeft === 0) {
      // Another encoded prefix inside the deepest piece: not decoded; said below, unless a
      // shorter chain decoded the same place (a look-alike read again inside a wider span).
      if (level.piece) deepest.push(...encodedPrefixesIn(level.piece, options));
      continue;
    }
    const decode = (stretch: Span & { encoding: Encoding }): DecodedWindow | null => {
      const cost = stretch.to - stretch.from;
      if (cost > budget) {
        result.bound = 'budget';
        return null;
      }
      budget -= cost;
      result.decoded += cost;
      const window = CODECS[stretch.encoding].decode(level.text, stretch.from, stretch.to);
      return window.text.length > 0 ? window : null;
    };
    const keep = (window: DecodedWindow, encoding: Encoding) => {
      const chain = [...level.chain, encoding];
      const piece: DecodedPiece = {
        text: window.text,
        chain,
        window,
        source: level.text,
        parent: level.piece,
      };
      result.pieces.push(piece);
      queue.push({ text: piece.text, chain, piece });
    };
    /**
     * A run at one alignment, kept if its decoding reads as text at least to `share`: its
     * first 256 bytes are decoded first, so data (an image's base64, a hash) costs little.
     */
    const tryRun = (stretch: Stretch, share: number) => {
      const width = stretch.encoding === 'hex' ? 2 : 4;
      const head = Math.min(
        stretch.to,
        stretch.from + (PROBE_BYTES / (width === 2 ? 1 : 3)) * width,
      );
      if (head < stretch.to) {
        const probe = decode({ ...stretch, to: head });
        if (!probe || !readsAsText(probe.text, share)) return;
      }
      const window = decode(stretch);
      if (window && readsAsText(window.text, share)) keep(window, stretch.encoding);
    };
    for (const stretch of stretchesOf(level, depthLeft, options, opened)) {
      if (!stretch.shifts) {
        const window = decode(stretch);
        if (window) keep(window, stretch.encoding);
        continue;
      }
      // A run read at its own start is kept unless it is plainly binary: UTF-16 of text
      // outside ASCII reads as half text, random bytes as 40%. A byte glued before a run
      // shifts its groups: the other alignments too, where they read as text. (Not only when
      // the first does not: base64 of base64 read at a wrong alignment often reads as text.)
      tryRun(stretch, 0.5);
      for (let shift = 1; shift < stretch.shifts; shift++) {
        tryRun({ ...stretch, from: stretch.from + shift }, 0.8);
      }
    }
  }
  if (deepest.length > 0) {
    const decoded = containmentTest(opened);
    if (deepest.some((span) => !decoded(span))) result.bound ??= 'depth';
  }
  return result;
}

/** A test of whether a span lies inside one of `spans` (sorted once, then binary search). */
function containmentTest(spans: Span[]): (span: Span) => boolean {
  spans.sort((a, b) => a.from - b.from);
  const maxTo: number[] = [];
  for (const span of spans) maxTo.push(Math.max(span.to, maxTo[maxTo.length - 1] ?? -1));
  return (span) => {
    // The last of `spans` that starts at or before `span`.
    let low = 0;
    let high = spans.length - 1;
    let last = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (spans[mid].from <= span.from) {
        last = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return last >= 0 && maxTo[last] >= span.to;
  };
}

/** Input spans of the encoded prefixes in a piece (hits of the depth-1 forms). */
function encodedPrefixesIn(piece: DecodedPiece, options: StageOptions): Span[] {
  const spans: Span[] = [];
  for (const search of anchorSearches(options.plain, 1)) {
    if (!options.enabled(search.encoding)) continue;
    search.pattern.lastIndex = 0;
    for (const hit of hitsOf(search, piece.text, options.plain)) {
      if (!changedHere(piece, hit.at, hit.at + hit.length)) continue;
      const [from, to] = sourceSpan(piece, hit.at, hit.at + hit.length);
      spans.push({ from, to });
    }
  }
  return spans;
}

/**
 * The stretches to decode in `level`: around the hits of each encoding, merged where they
 * touch (per alignment); and each long run of letters and digits whole, as base64 and as hex.
 */
function stretchesOf(
  level: Level,
  depthLeft: number,
  options: StageOptions,
  opened: Span[],
): Stretch[] {
  const stretches: Stretch[] = [];
  /** Base64 spans around hits, by alignment: a run they fall in is read with them, once. */
  const base64Hits = new Map<number, Span[]>();
  for (const search of anchorSearches(options.plain, depthLeft)) {
    if (!allowed(search.encoding, level.chain, options)) continue;
    const byAlignment = new Map<number, Span[]>();
    for (const hit of hitsOf(search, level.text, options.plain)) {
      if (!changedHere(level.piece, hit.at, hit.at + hit.length)) continue;
      const [from, to] = level.piece
        ? sourceSpan(level.piece, hit.at, hit.at + hit.length)
        : [hit.at, hit.at + hit.length];
      opened.push({ from, to });
      const span = CODECS[search.encoding].span(level.text, hit.at, hit.form, hit.lead, hit.tail);
      let group = byAlignment.get(span.alignment);
      if (!group) byAlignment.set(span.alignment, (group = []));
      group.push(span);
    }
    if (search.encoding === 'base64') {
      for (const [alignment, group] of byAlignment) base64Hits.set(alignment, group);
      continue;
    }
    for (const group of byAlignment.values()) {
      for (const span of merged(group)) stretches.push({ ...span, encoding: search.encoding });
    }
  }
  if (depthLeft >= 2) {
    const base64 = allowed('base64', level.chain, options);
    const hex = allowed('hex', level.chain, options);
    if (allowed('utf16', level.chain, options)) {
      // UTF-16 around base64 or hex of an encoded token (a UTF-16 file of such text).
      for (const run of utf16Runs(level.text, RUN_MIN)) {
        if (changedHere(level.piece, run.from, run.to))
          stretches.push({ ...run, encoding: 'utf16' });
      }
    }
    const notBody = (run: Span) =>
      changedHere(level.piece, run.from, run.to) &&
      // A token's own body: the plain rules' (reading it as base64 finds nothing).
      !level.text.startsWith(options.plain, run.from - options.plain.length);
    if (hex) {
      for (const digits of hexRuns(level.text, RUN_MIN)) {
        if (notBody(digits)) stretches.push({ ...digits, encoding: 'hex', shifts: 2 });
      }
    }
    // The whole base64 run around each run of letters and digits: `+/-_` come from bytes
    // outside ASCII, near the token or not. Many may lie in one (a data: URI): it is found and
    // read once, and the search goes on after it.
    for (let run = nextAlnumRun(level.text, 0, RUN_MIN); run;) {
      const whole = base64RunAround(level.text, run);
      if (base64 && notBody(run)) {
        const alignment = whole.from % 4;
        const hits = base64Hits.get(alignment);
        // A hit of the prefix at this alignment already says where the groups are.
        if (hits && hits.some((hit) => hit.from < whole.to && whole.from < hit.to))
          hits.push(whole);
        else stretches.push({ ...whole, encoding: 'base64', shifts: 4 });
      }
      run = nextAlnumRun(level.text, Math.max(whole.to, run.to), RUN_MIN);
    }
  }
  for (const group of base64Hits.values()) {
    for (const span of merged(group)) stretches.push({ ...span, encoding: 'base64' });
  }
  return stretches;
}

/** Spans sorted and merged where they touch. */
function merged(spans: Span[]): Span[] {
  spans.sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  let current: Span | null = null;
  for (const span of spans) {
    if (current && span.from <= current.to) current.to = Math.max(current.to, span.to);
    else out.push((current = { from: span.from, to: span.to }));
  }
  return out;
}

/**
 * Whether at least `share` of decoded bytes read as text (printable ASCII, tabs, line breaks,
 * the NULs of UTF-16): what base64 or hex of an encoded token decodes to at the right
 * alignment. At a wrong one, or over other data, they are random bytes, of which ~40% are.
 */
function readsAsText(text: string, share: number): boolean {
  // The first 256 bytes decide most cases (random bytes are ~60% other); then the rest, which
  // stops as soon as too many bytes are not text.
  return (
    textShare(text, Math.min(text.length, 256)) >= share &&
    textShare(text, text.length, share) >= share
  );
}

/** The share of the first `length` bytes that read as text; with `floor`, stops below it. */
function textShare(text: string, length: number, floor = 0): number {
  if (length === 0) return 1;
  const allowed = (1 - floor) * length;
  let other = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const textual =
      (code >= 0x20 && code < 0x7f) ||
      code === 0 ||
      code === 0x09 ||
      code === 0x0a ||
      code === 0x0d;
    if (!textual && ++other > allowed) return 0;
  }
  return 1 - other / length;
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
  length: number;
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
  if (search.requires !== null && !text.includes(search.requires)) return hits;
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
      length: match[0].length,
      form,
      lead: Math.ceil(LEAD_UNITS * form.expansion) + 4,
      tail: Math.ceil(TAIL_UNITS * form.expansion) + match[0].length,
    });
  }
  return hits;
}

/**
 * Whether decoding made any of the units `[from, to)` of `piece` (null: the input, where all
 * is new). What a piece passed through unchanged was in its source at the same place, and was
 * searched there: reading it again inside the piece would only multiply the work (a line of
 * escapes and percent-escapes would be read as escapes, percent>escapes, escapes>escapes…).
 */
function changedHere(piece: DecodedPiece | null, from: number, to: number): boolean {
  if (piece === null) return true;
  for (let i = from; i < to; i++) {
    const start = piece.window.start(i);
    if (piece.window.end(i) - start !== 1) return true;
    if (piece.source.charCodeAt(start) !== piece.text.charCodeAt(i)) return true;
  }
  return false;
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
  if (changedHere(piece, from, to)) return true;
  // Every unit passed through unchanged here: was it encoded further out?
  if (!piece.parent) return false;
  return writtenEncoded(piece.parent, piece.window.start(from), piece.window.end(to - 1));
}
