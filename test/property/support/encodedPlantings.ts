/**
 * Encoded tokens planted the ways issue #19 lists, for the staged-scan property suite
 * (encodedScan.property.test.ts): random chains of up to three encodings with random base64
 * alignments and alphabets and hex digits of either case, partial percent forms of the prefix,
 * base64 wrapped as `base64` prints it, lines longer than 200 KiB with the token near a 64 KiB
 * segment cut, and thousands of encoded look-alikes (`sgp_` + words, which are no findings)
 * before the token on its line. Specs are plain data (fast-check shrinks them); tokens are
 * made when a spec is rendered.
 */
import fc from 'fast-check';
import { isWordBody } from '../../../src/detect/wordBody';
import { base64After, EncodingName, MUST_WRITERS, WRITERS } from '../../helpers/encodings';
import { PREFIX } from '../../helpers/tokens';
import { TokenFactory } from './plantedTokens';

/** One encoding of a chain, with how its writer writes (what a decoder must not assume). */
export interface Layer {
  encoding: EncodingName;
  /** base64: bytes before the text inside it (its alignment is lead.length % 3). */
  lead: string;
  /** base64: the URL-safe alphabet. */
  urlSafe: boolean;
  /** percent, escape, hex (innermost only): hex digits in upper case. */
  upper: boolean;
  /** escape (innermost only): `\xXX` instead of `\u00XX`. */
  short: boolean;
}

export interface Planting {
  /** Outermost first. */
  layers: Layer[];
  bodyLength: number;
  /** The character after the token, inside the encoding (left alone by no innermost writer). */
  after: string;
  /** Only with layers [percent]: which prefix characters are encoded (bit i: character i; 1..15), the body plain. */
  partial: { mask: number; upper: number } | null;
}

/** Around an encoded text on its line: neither extends its run. */
export interface Around {
  open: string;
  close: string;
}

export type PlantedLine =
  /** An encoded token on a short line. */
  | { kind: 'short'; planting: Planting; around: Around; lead: string }
  /** A line longer than 200 KiB with the token at `offset` (near a segment cut or anywhere). */
  | {
      kind: 'long';
      planting: Planting;
      around: Around;
      size: number;
      offset: number;
      piece: string;
    }
  /** `count` encoded look-alikes, then the token, on one line. */
  | {
      kind: 'lookalikes';
      planting: Planting;
      around: Around;
      count: number;
      /** Indexes into LOOKALIKE_WRITERS and LOOKALIKE_WORDS, cycled. */
      forms: number[];
      words: number[];
      separator: string;
    }
  /** base64 of some bytes, the token, more bytes, cut at `width` with `eol` (and indented). */
  | {
      kind: 'wrapped';
      token: { bodyLength: number; after: string; urlSafe: boolean };
      before: number[];
      afterBytes: number[];
      width: number;
      eol: '\n' | '\r\n';
      indent: string;
    }
  /** The line written as UTF-16LE, a token under `planting` in it: utf16 outermost. */
  | { kind: 'utf16'; planting: Planting; lead: string };

// ---------------------------------------------------------------------------------------------
// Writing.

const upperPercent = (text: string) =>
  text.replace(/%([0-9a-f]{2})/g, (_m, hex: string) => `%${hex.toUpperCase()}`);
const upperEscapes = (text: string) =>
  text.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => `\\u${hex.toUpperCase()}`);

function writeInnermost(layer: Layer, text: string): string {
  switch (layer.encoding) {
    case 'base64':
      return base64After(layer.lead, text, layer.urlSafe);
    case 'percent': {
      const written = WRITERS.percent(text);
      return layer.upper ? upperPercent(written) : written;
    }
    case 'escape': {
      const written = WRITERS.escape(text);
      const shortened = layer.short ? written.replace(/\\u00([0-9a-f]{2})/g, '\\x$1') : written;
      return layer.upper
        ? upperEscapes(shortened).replace(
            /\\x([0-9a-f]{2})/g,
            (_m, h: string) => `\\x${h.toUpperCase()}`,
          )
        : shortened;
    }
    case 'hex':
      return layer.upper ? WRITERS.hex(text).toUpperCase() : WRITERS.hex(text);
    default:
      return WRITERS[layer.encoding](text);
  }
}

function writeOuter(layer: Layer, text: string): string {
  if (layer.encoding === 'base64') return base64After(layer.lead, text, layer.urlSafe);
  if (layer.encoding === 'hex')
    return layer.upper ? WRITERS.hex(text).toUpperCase() : WRITERS.hex(text);
  return MUST_WRITERS[layer.encoding](text);
}

/** `sgp_` with the characters of `mask` percent-encoded. */
function partialPrefix(mask: number, upper: number): string {
  return [...PREFIX]
    .map((ch, i) => {
      if (!(mask & (1 << i))) return ch;
      const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
      return `%${upper & (1 << i) ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

export interface Written {
  token: string;
  /** The encoded text. */
  text: string;
  /** The chain a reader sees: layers that left their inner text as it was are no encoding. */
  chain: EncodingName[];
}

/** The token's part of what the innermost layer writes for `token` + the character after it. */
function innermostRegion(layer: Layer, token: string): [number, number] {
  if (layer.encoding === 'base64') {
    const lead = layer.lead.length;
    return [Math.floor((8 * lead) / 6), Math.ceil((8 * (lead + token.length)) / 6)];
  }
  return [0, writeInnermost(layer, token).length];
}

/** Writes a fresh token under `planting`. */
export function writePlanting(planting: Planting, tokens: TokenFactory): Written {
  const token = tokens.next(planting.bodyLength);
  if (planting.partial) {
    const { mask, upper } = planting.partial;
    const text = partialPrefix(mask, upper) + token.slice(PREFIX.length) + planting.after;
    return { token, text, chain: ['percent'] };
  }
  const layers = planting.layers;
  const innermost = layers[layers.length - 1];
  // No layers: the token as it is (the inner text of a UTF-16 line).
  if (!innermost) return { token, text: token + planting.after, chain: [] };
  let text = writeInnermost(innermost, token + planting.after);
  // Where the token's part of the text is: a layer that leaves that part as it was (a URL
  // encoder over base64 letters, changing only the padding) is no encoding a reader sees.
  let region = innermostRegion(innermost, token);
  const chain: EncodingName[] = [innermost.encoding];
  for (let i = layers.length - 2; i >= 0; i--) {
    const layer = layers[i];
    const [from, to] = region;
    if (layer.encoding === 'base64') {
      const lead = layer.lead.length;
      region = [Math.floor((8 * (lead + from)) / 6), Math.ceil((8 * (lead + to)) / 6)];
      chain.unshift(layer.encoding);
    } else if (layer.encoding === 'hex' || layer.encoding === 'utf16') {
      region = [2 * from, 2 * to];
      chain.unshift(layer.encoding);
    } else {
      // One character at a time: the part is where its characters went.
      const write = (part: string) => writeOuter(layer, part);
      region = [write(text.slice(0, from)).length, write(text.slice(0, to)).length];
      if (write(text.slice(from, to)) !== text.slice(from, to)) chain.unshift(layer.encoding);
    }
    text = writeOuter(layer, text);
  }
  return { token, text, chain };
}

// ---------------------------------------------------------------------------------------------
// Look-alikes: `sgp_` + words, under the encodings, which must never be reported.

export const LOOKALIKE_WORDS = [
  'getResultsForSeason',
  'gatewaypagamentos',
  'fetchUserAccountSettings',
  'loadPlayerStandings',
  'ChangeMeBeforeDeploying',
  'YourSegmentTokenHere',
  'computeParlayOddsTotal',
  'renderLeagueTableRows',
  'updateSeasonSchedule2024',
];

for (const word of LOOKALIKE_WORDS) {
  if (!isWordBody(word)) throw new Error(`look-alike body is not words: ${word}`);
}

/** Encoded forms a look-alike is written in (`(` after it, as a call is). */
export const LOOKALIKE_WRITERS: ((word: string) => string)[] = [
  (w) => WRITERS.percent(`${PREFIX}${w}(`),
  (w) => `${PREFIX.slice(0, 3)}%5F${w}(`,
  (w) => `%73${PREFIX.slice(1)}${w}(`,
  (w) => `\\u0073${PREFIX.slice(1)}${w}(`,
  (w) => WRITERS.escape(`${PREFIX}${w}(`),
  (w) => base64After('', `${PREFIX}${w}(`),
  (w) => base64After(':', `${PREFIX}${w}(`),
  (w) => base64After('u:', `${PREFIX}${w}(`, true),
  (w) => WRITERS.hex(`${PREFIX}${w}(`),
  (w) => MUST_WRITERS.percent(WRITERS.percent(`${PREFIX}${w}(`)),
  (w) => MUST_WRITERS.percent(WRITERS.escape(`${PREFIX}${w}(`)),
  (w) => WRITERS.quotedPrintable(`${PREFIX}${w}(`),
];

export function lookalikeRun(count: number, forms: number[], words: number[], sep: string): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = LOOKALIKE_WORDS[words[i % words.length] % LOOKALIKE_WORDS.length];
    parts.push(LOOKALIKE_WRITERS[forms[i % forms.length] % LOOKALIKE_WRITERS.length](word));
  }
  return parts.join(sep) + sep;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

/** Unreserved by every innermost writer (a reserved one makes it leave the token plain). */
const AFTERS = ['.', '-', '!', '~', '*', "'", '(', ')'];
const BODY_LENGTHS = [16, 20, 32, 40, 64, 64];
const LEAD_BYTES = [':', 'u', 'A', '\0', '\xff', '"', '\xfc'];

const layer = (encoding: EncodingName): fc.Arbitrary<Layer> =>
  fc.record({
    encoding: fc.constant(encoding),
    lead:
      encoding === 'base64'
        ? fc.array(fc.constantFrom(...LEAD_BYTES), { maxLength: 2 }).map((b) => b.join(''))
        : fc.constant(''),
    urlSafe: encoding === 'base64' ? fc.boolean() : fc.constant(false),
    upper: fc.boolean(),
    short: encoding === 'escape' ? fc.boolean() : fc.constant(false),
  });

const MIDDLE: EncodingName[] = ['base64', 'percent', 'escape', 'hex'];

/**
 * Chains of one to three encodings: base64, percent, escape, hex anywhere; utf16 once, as the
 * outermost or innermost-but-one (PowerShell's base64 of UTF-16, a UTF-16 file); quoted-
 * printable outermost only.
 */
export const chainNames: fc.Arbitrary<EncodingName[]> = fc
  .integer({ min: 1, max: 3 })
  .chain((depth) =>
    fc.tuple(
      fc.array(fc.constantFrom(...MIDDLE), { minLength: depth, maxLength: depth }),
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: 4 }),
    ),
  )
  .map(([names, utf16At, qp]) => {
    const chain = [...names];
    // utf16: the outermost (0) or innermost-but-one (length - 2), when asked (0..1 of 0..5).
    if (utf16At === 0) chain[0] = 'utf16';
    if (utf16At === 1) chain[Math.max(0, chain.length - 2)] = 'utf16';
    // quotedPrintable: the outermost, when asked (0 of 0..4).
    if (qp === 0 && chain[0] !== 'utf16') chain[0] = 'quotedPrintable';
    return chain;
  });

export function planting(
  chains: fc.Arbitrary<EncodingName[]> = chainNames,
  withPartial = true,
): fc.Arbitrary<Planting> {
  const layered = chains.chain((names) =>
    fc.record({
      layers: fc.tuple(...names.map(layer)),
      bodyLength: fc.constantFrom(...BODY_LENGTHS),
      after: fc.constantFrom(...AFTERS),
      partial: fc.constant(null),
    }),
  );
  if (!withPartial) return layered;
  const partial = fc.record({
    layers: fc.tuple(layer('percent')),
    bodyLength: fc.constantFrom(...BODY_LENGTHS),
    after: fc.constantFrom(...AFTERS, ' ', '"', '&'),
    partial: fc.record({
      mask: fc.integer({ min: 1, max: 15 }),
      upper: fc.integer({ min: 0, max: 15 }),
    }),
  });
  return fc.oneof({ arbitrary: layered, weight: 4 }, { arbitrary: partial, weight: 1 });
}

/** Chains without utf16 outermost (that one is a whole UTF-16 line: the 'utf16' kind). */
const inLineChains = chainNames.filter((chain) => chain[0] !== 'utf16');

const around: fc.Arbitrary<Around> = fc.record({
  open: fc.constantFrom(' ', '"', '=', ':', '(', '\t', '?q=', "'"),
  close: fc.constantFrom(' ', '"', ';', ')', '&', ','),
});

const LEADS = ['', 'auth: ', 'const k = ', 'url=https://x.test/cb', 'KEY=', '  - '];

const shortLine: fc.Arbitrary<PlantedLine> = fc.record({
  kind: fc.constant('short' as const),
  planting: planting(inLineChains),
  around,
  lead: fc.constantFrom(...LEADS),
});

/** Long-line fillers: plain text with separators, so segment cuts land near 64 KiB. */
const PIECES = ['lorem ipsum, ', 'a=1&b=2;', '{"k": [1, 2]}, ', '0123 4567 ', 'x/y.z '];
const SEGMENT = 1 << 16;

const longLine: fc.Arbitrary<PlantedLine> = fc
  .record({
    planting: planting(inLineChains),
    around,
    size: fc.integer({ min: 200 * 1024 + 1, max: 260 * 1024 }),
    cut: fc.integer({ min: 0, max: 3 }),
    jitter: fc.integer({ min: -700, max: 300 }),
    piece: fc.constantFrom(...PIECES),
  })
  .map(({ planting: p, around: a, size, cut, jitter, piece }) => ({
    kind: 'long' as const,
    planting: p,
    around: a,
    size,
    // cut 0: anywhere; 1..3: across the cut near 64 KiB × cut.
    offset:
      cut === 0
        ? Math.abs(jitter * 331) % (size - 2000)
        : Math.max(0, Math.min(size - 2000, cut * SEGMENT + jitter)),
    piece,
  }));

const lookalikeLine: fc.Arbitrary<PlantedLine> = fc.record({
  kind: fc.constant('lookalikes' as const),
  planting: planting(inLineChains),
  around,
  count: fc.integer({ min: 1000, max: 3000 }),
  forms: fc.array(fc.nat(LOOKALIKE_WRITERS.length - 1), { minLength: 1, maxLength: 4 }),
  words: fc.array(fc.nat(LOOKALIKE_WORDS.length - 1), { minLength: 1, maxLength: 3 }),
  separator: fc.constantFrom(' ', ', ', '&q=', '"', '\t'),
});

const wrappedLine: fc.Arbitrary<PlantedLine> = fc.record({
  kind: fc.constant('wrapped' as const),
  token: fc.record({
    bodyLength: fc.constantFrom(...BODY_LENGTHS),
    after: fc.constantFrom(...AFTERS, '"', '\n', '}'),
    urlSafe: fc.boolean(),
  }),
  // Bytes before the token: its base64 starts at any column, a wrap often in its first 16.
  before: fc.oneof(
    fc.uint8Array({ maxLength: 150 }).map((b) => Array.from(b)),
    fc
      .integer({ min: 30, max: 62 })
      .map((n) => Array.from({ length: n }, (_, i) => 0x41 + (i % 26))),
  ),
  afterBytes: fc.uint8Array({ maxLength: 80 }).map((b) => Array.from(b)),
  width: fc.integer({ min: 60, max: 80 }),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  indent: fc.constantFrom('', '', '  ', '    ', '\t'),
});

/** utf16 outermost: chains whose outer layer is utf16. */
const utf16Line: fc.Arbitrary<PlantedLine> = fc.record({
  kind: fc.constant('utf16' as const),
  planting: planting(
    fc
      .array(fc.constantFrom(...MIDDLE), { maxLength: 2 })
      .map((inner) => ['utf16' as EncodingName, ...inner]),
    false,
  ),
  lead: fc.constantFrom('', 'token: ', '$k = "'),
});

export const plantedLine = (options: { long: boolean }): fc.Arbitrary<PlantedLine> =>
  fc.oneof(
    { arbitrary: shortLine, weight: options.long ? 1 : 8 },
    { arbitrary: wrappedLine, weight: options.long ? 0 : 4 },
    { arbitrary: utf16Line, weight: options.long ? 0 : 1 },
    { arbitrary: lookalikeLine, weight: options.long ? 3 : 0 },
    { arbitrary: longLine, weight: options.long ? 3 : 0 },
  );

// ---------------------------------------------------------------------------------------------
// Rendering.

function filler(piece: string, length: number): string {
  return piece.repeat(Math.ceil(length / piece.length)).slice(0, length);
}

/** The line's bytes (no terminator; a wrapped block holds its own line breaks). */
export function renderPlanted(line: PlantedLine, tokens: TokenFactory): Buffer {
  switch (line.kind) {
    case 'short': {
      const { token, text, chain } = writePlanting(line.planting, tokens);
      tokens.encoded.push({ token, chain, text });
      return Buffer.from(`${line.lead}${line.around.open}${text}${line.around.close}`, 'latin1');
    }
    case 'long': {
      const { token, text, chain } = writePlanting(line.planting, tokens);
      tokens.encoded.push({ token, chain, text });
      const before = `${filler(line.piece, line.offset)} ${line.around.open}`;
      const after = `${line.around.close} `;
      const rest = Math.max(0, line.size - before.length - text.length - after.length);
      return Buffer.from(before + text + after + filler(line.piece, rest), 'latin1');
    }
    case 'lookalikes': {
      const { token, text, chain } = writePlanting(line.planting, tokens);
      tokens.encoded.push({ token, chain, text });
      const run = lookalikeRun(line.count, line.forms, line.words, line.separator);
      return Buffer.from(`${run}${line.around.open}${text}${line.around.close}`, 'latin1');
    }
    case 'wrapped': {
      const { bodyLength, after, urlSafe } = line.token;
      const token = tokens.next(bodyLength);
      const before = Buffer.from(line.before).toString('latin1').replace(/sgp_/gi, 'sgq_');
      const tail = Buffer.from(line.afterBytes).toString('latin1');
      const b64 = base64After(before, token + after + tail, urlSafe);
      const wrapped: string[] = [];
      for (let at = 0; at < b64.length; at += line.width) {
        wrapped.push(line.indent + b64.slice(at, at + line.width));
      }
      const block = wrapped.join(line.eol);
      // The planted text: from the token's first base64 character to its last, as written.
      const first = Math.floor((8 * before.length) / 6);
      const last = Math.ceil((8 * (before.length + token.length)) / 6);
      const at = (k: number) =>
        Math.floor(k / line.width) * (line.width + line.eol.length + line.indent.length) +
        line.indent.length +
        (k % line.width);
      const text = block.slice(at(first), at(last - 1) + 1);
      tokens.encoded.push({ token, chain: ['base64'], text });
      // `text eol=crlf` and the like store the block with LF in the index.
      if (line.eol === '\r\n')
        tokens.encoded.push({ token, chain: ['base64'], text: text.replace(/\r\n/g, '\n') });
      return Buffer.from(block, 'latin1');
    }
    case 'utf16': {
      const { token, text, chain } = writePlanting(
        { ...line.planting, layers: line.planting.layers.slice(1) },
        tokens,
      );
      // A whole line of UTF-16 (the file's other lines are not: git reads it as bytes anyway).
      const prefix = WRITERS.utf16(line.lead);
      const encoded = WRITERS.utf16(text);
      // Found from the line's start (columns of a UTF-16 line count its code units).
      tokens.encoded.push({ token, chain: ['utf16', ...chain], text: prefix + encoded });
      return Buffer.from(`${prefix}${encoded}${WRITERS.utf16(' ')}`, 'latin1');
    }
  }
}
