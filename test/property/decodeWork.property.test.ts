/**
 * The decoding stage's work is linear in its input, counted (not timed): on random hostile
 * lines made of encoded prefixes that merge, nest and overlap (`%2573%2567%2570%255F`,
 * `s%00g%00p%00_%00`, `\u0073\u0067\u0070\u005f`, base64 of `sgp_` at each alignment, nested
 * percent escapes, escape runs, mixed at random and repeated thousands of times), the stage
 * decodes at most 8 × the text's length + 4096 characters (each encoding may read a whole
 * line at each of the three levels; the worst mix found reads 6.7 ×), reaches no bound (the pieces nest
 * no deeper than the stage's depth, 3: deeper is the 'depth' bound by design), and a real
 * encoded token written after the hostile text is still found.
 *
 * Replay: SEG_HOOK_PROPERTY_SEED=<seed> [SEG_HOOK_PROPERTY_PATH=<path>] npx jest test/property/decodeWork.property.test.ts
 */
import fc from 'fast-check';
import { findEncodedTokens } from '../../src/detect/encodedTokens';
import { base64After, MUST_WRITERS, WRITERS } from '../helpers/encodings';
import { PREFIX } from '../helpers/tokens';
import { chainNames, Planting, planting, writePlanting } from './support/encodedPlantings';
import { TokenFactory } from './support/plantedTokens';

const DEFAULT_SEED = 20260501;
const raw = process.env.SEG_HOOK_PROPERTY_SEED;
const SEED = raw ? Number(raw) : DEFAULT_SEED;
const REPLAY_PATH = process.env.SEG_HOOK_PROPERTY_PATH || undefined;
const RUNS = 50;

const nest = (text: string, times: number) => {
  let written = text;
  for (let i = 0; i < times; i++) written = MUST_WRITERS.percent(written);
  return written;
};

/** Hostile pieces: encoded forms of the prefix that are no token (nothing after them). */
const HOSTILE: string[] = [
  nest(WRITERS.percent(PREFIX), 1), // %2573%2567%2570%255F
  nest(WRITERS.percent(PREFIX), 2), // three levels: the stage's depth, no deeper
  MUST_WRITERS.percent(WRITERS.utf16(PREFIX)), // s%00g%00p%00_%00
  WRITERS.escape(PREFIX), // \u0073\u0067\u0070\u005f
  WRITERS.escape(PREFIX).toUpperCase().replace(/\\U/g, '\\u'),
  MUST_WRITERS.escape(WRITERS.escape(PREFIX)),
  MUST_WRITERS.escape(MUST_WRITERS.escape(WRITERS.escape(PREFIX))),
  MUST_WRITERS.percent(WRITERS.escape(PREFIX)),
  base64After('', PREFIX),
  base64After('x', PREFIX),
  base64After('xy', PREFIX),
  base64After('x', PREFIX, true).slice(0, -1),
  base64After('', WRITERS.percent(PREFIX)),
  base64After('', WRITERS.hex(PREFIX)),
  WRITERS.hex(PREFIX),
  WRITERS.hex(WRITERS.percent(PREFIX)),
  WRITERS.utf16(PREFIX),
  WRITERS.quotedPrintable(PREFIX),
  `${PREFIX.slice(0, 3)}%5F`,
  `%73${PREFIX.slice(1)}`,
  // Runs of backslashes, ended so they do not nest what follows past the stage's depth.
  `${'\\'.repeat(7)}q`,
  `${'\\'.repeat(8)}q`,
  '%25'.repeat(5),
  '%',
  '=',
  '\\u00',
];

const SEPARATORS = ['', '', '', ' ', '&', '"', 'A', '0', '\\', '%'];

const hostileText: fc.Arbitrary<string> = fc
  .record({
    pieces: fc.array(fc.nat(HOSTILE.length - 1), { minLength: 1, maxLength: 6 }),
    separators: fc.array(fc.nat(SEPARATORS.length - 1), { minLength: 1, maxLength: 3 }),
    count: fc.integer({ min: 1, max: 3000 }),
    order: fc.array(fc.nat(1000), { minLength: 1, maxLength: 8 }),
  })
  .map(({ pieces, separators, count, order }) => {
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const pick = (order[i % order.length] + i) % pieces.length;
      parts.push(HOSTILE[pieces[pick]], SEPARATORS[separators[i % separators.length]]);
    }
    return parts.join('');
  });

/** The token after the hostile text: any chain chainNames draws. */
const appended: fc.Arbitrary<Planting> = planting(chainNames);

const all = () => true;
const limit = (text: string) => 8 * text.length + 4096;
const show = (text: string) => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** Three properties of one generator, apart: a failure of one does not hide the others. */
const check = (name: string, predicate: (hostile: string, plant: Planting, salt: number) => void) =>
  test(`${name} on ${RUNS} random hostile lines (seed ${SEED})`, () => {
    fc.assert(fc.property(hostileText, appended, fc.nat(), predicate), {
      seed: SEED,
      numRuns: RUNS,
      path: REPLAY_PATH,
    });
  });

check('the decoding stage does at most 8 × length + 4096 work', (hostile, plant, salt) => {
  const alone = findEncodedTokens(hostile, all);
  if (alone.decoded > limit(hostile))
    throw new Error(
      `decoded ${alone.decoded} > ${limit(hostile)} on ${hostile.length} characters ${show(hostile)}`,
    );
  const line = `${hostile} ${writePlanting(plant, new TokenFactory(salt)).text} `;
  const scan = findEncodedTokens(line, all);
  if (scan.decoded > limit(line))
    throw new Error(
      `decoded ${scan.decoded} > ${limit(line)} on ${line.length} characters with a token`,
    );
});

// Whether the hostile text holds tokens is not asked: pieces glued together can make one (an
// encoded prefix followed by 16 letters and digits of base64 is a token with its prefix
// encoded, as `%73%67%70%5F` + body is).
check('the decoding stage reaches no bound', (hostile) => {
  const alone = findEncodedTokens(hostile, all);
  if (alone.bound) throw new Error(`bound '${alone.bound}' on ${show(hostile)}`);
});

check('an encoded token after the hostile text is found', (hostile, plant, salt) => {
  const { token, text, chain } = writePlanting(plant, new TokenFactory(salt));
  // No bound is asked of this line: a three-level piece just before the token reads the
  // token's encoded prefix in its deepest level and says 'depth', though the token is found.
  const scan = findEncodedTokens(`${hostile} ${text} `, all);
  const found = scan.tokens.filter((t) => t.candidate.token === token);
  if (!found.length)
    throw new Error(
      `the ${chain.join('>')} token after ${hostile.length} hostile characters was missed`,
    );
});
