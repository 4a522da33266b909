import fc from 'fast-check';
import {
  BASE62_CLASS_SIZES,
  CharClass,
  classOf,
  isAccepting,
  isWordBody,
  START,
  step,
  WordState,
} from '../../src/detect/wordBody';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Exact probability that a uniform random base62 body of `length` characters is taken for
 * words: the rule's own automaton run over the distribution of its states.
 */
function probabilityOfWords(length: number): number {
  let states = new Map<string, { state: WordState; p: number }>([
    [JSON.stringify(START), { state: START, p: 1 }],
  ]);
  for (let i = 0; i < length; i++) {
    const next = new Map<string, { state: WordState; p: number }>();
    for (const { state, p } of states.values()) {
      for (const [cls, size] of Object.entries(BASE62_CLASS_SIZES) as [CharClass, number][]) {
        const after = step(state, cls);
        if (!after) continue;
        const key = JSON.stringify(after);
        const entry = next.get(key) ?? { state: after, p: 0 };
        entry.p += (p * size) / 62;
        next.set(key, entry);
      }
    }
    states = next;
  }
  let accepted = 0;
  for (const { state, p } of states.values()) if (isAccepting(state)) accepted += p;
  return accepted;
}

test('the class sizes are those of base62', () => {
  const sizes: Record<string, number> = {};
  for (const ch of BASE62)
    sizes[classOf(ch.charCodeAt(0))] = (sizes[classOf(ch.charCodeAt(0))] ?? 0) + 1;
  expect(sizes).toEqual(BASE62_CLASS_SIZES);
});

// The recall cost of the rule, computed exactly (docs/detection-encodings.md quotes these).
test.each([
  [16, 1.3e-4, 1.5e-4],
  [20, 1.8e-5, 1.9e-5],
  [32, 4.4e-8, 4.5e-8],
  [64, 4e-15, 5e-15],
])('a random %d-character body is taken for words with probability in [%d, %d]', (n, lo, hi) => {
  const p = probabilityOfWords(n);
  expect(p).toBeGreaterThanOrEqual(lo);
  expect(p).toBeLessThanOrEqual(hi);
});

test('the exact figure agrees with a sample of random 16-character bodies', () => {
  // 200,000 bodies at about 1.4e-4 each: about 28 are expected, far fewer than 1 in 1,000.
  const bodies = fc.sample(
    fc.string({ unit: fc.constantFrom(...BASE62), minLength: 16, maxLength: 16 }),
    { seed: 16, numRuns: 200_000 },
  );
  const words = bodies.filter(isWordBody).length;
  expect(words).toBeLessThan(200);
});

test.each([
  'getResultsForSeason',
  'gatewaypagamentos',
  'computeParlayProbabilities',
  'YourSegmentTokenHere',
  'EXAMPLEEXAMPLEEXAMPLE',
  'ReplaceWithYourToken',
  'getResultsForSeason2024',
  'getResultsForSeason1',
  'EXAMPLEEXAMPLE2024',
  'gatewaypagamentos2',
  'ChangeMeBeforeDeploying', // humps of one or two letters with a vowel: Me, A, I, By
  'WhatIsATokenAnyway',
  'PutMyKeyHereBeforeUse',
  'ReplaceMeWithYourToken2024',
])('%s is made of words', (body) => {
  expect(isWordBody(body)).toBe(true);
});

test.each([
  '1234567890abcdef', // the seed's example
  'AbCdEfGhIjKlMnOp', // humps of one letter
  'abcdefghijklmnop', // five consonants in a row
  'getResultsForSeason20245', // five trailing digits
  'get2ResultsForSeason', // a digit inside
  'getResultsForSeason2024x',
  'getResultsForSsn2024', // a word without a vowel before the digits
  'bcdfghjklmnpqrst',
  'XKCDQWRTZPLMNBVC',
  'ChangeMxBeforeDeploying', // a two-letter hump without a vowel
  'ChangeMe', // a short hump does not end the body
])('%s is not', (body) => {
  expect(isWordBody(body)).toBe(false);
});
