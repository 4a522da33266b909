import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  isPlaceholderBody,
  PLACEHOLDER_ENTROPY_THRESHOLD,
  shannonEntropy,
} from '../../src/detect/entropy';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SAMPLE_SEED = 62;
const SAMPLES = 20_000;

/** Seeded, so the sample (and the test names below) are the same on every run. */
function sampleBodies(length: number): string[] {
  const body = fc.string({
    unit: fc.constantFrom(...BASE62),
    minLength: length,
    maxLength: length,
  });
  return fc.sample(body, { seed: SAMPLE_SEED + length, numRuns: SAMPLES });
}

function describeSample(length: number) {
  const entropies = sampleBodies(length).map(shannonEntropy);
  return {
    min: Math.min(...entropies),
    under: entropies.filter((e) => e < PLACEHOLDER_ENTROPY_THRESHOLD).length,
  };
}

/**
 * Exact probability that `length` uniform draws from `alphabet` symbols have entropy below
 * `threshold`: a sum over the partitions of `length` (the multiset of symbol counts).
 */
function exactProbabilityUnder(length: number, alphabet: number, threshold: number): number {
  const logFactorial = (n: number) => {
    let sum = 0;
    for (let i = 2; i <= n; i++) sum += Math.log(i);
    return sum;
  };
  const partitions = (n: number, max: number): number[][] =>
    n === 0
      ? [[]]
      : Array.from({ length: Math.min(n, max) }, (_, i) => Math.min(n, max) - i).flatMap((k) =>
          partitions(n - k, k).map((rest) => [k, ...rest]),
        );
  let under = 0;
  let total = 0;
  for (const counts of partitions(length, length)) {
    if (counts.length > alphabet) continue;
    const entropy = -counts.reduce((s, c) => s + (c / length) * Math.log2(c / length), 0);
    let logWays = logFactorial(alphabet) - logFactorial(alphabet - counts.length);
    logWays += logFactorial(length) - counts.reduce((s, c) => s + logFactorial(c), 0);
    const repeats = new Map<number, number>();
    for (const c of counts) repeats.set(c, (repeats.get(c) ?? 0) + 1);
    for (const r of repeats.values()) logWays -= logFactorial(r);
    const probability = Math.exp(logWays - length * Math.log(alphabet));
    total += probability;
    if (entropy < threshold) under += probability;
  }
  expect(total).toBeCloseTo(1, 9);
  return under;
}

describe('shannonEntropy', () => {
  test.each([
    ['', 0],
    ['aaaaaaaaaaaaaaaa', 0],
    ['abababababababab', 1],
    ['aaaabbbbccccdddd', 2],
    ['abcdefghabcdefgh', 3],
    ['1234567890abcdef', 4],
  ])('%j has %d bits per character', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10);
  });

  test('counts characters, not UTF-16 code units', () => {
    expect(shannonEntropy('😀😀😀😀')).toBe(0);
    expect(shannonEntropy('😀a😀a')).toBeCloseTo(1, 10);
  });
});

describe('placeholder threshold', () => {
  test('lies at 2.5 bits per character: 2.48 is a placeholder, exactly 2.5 is not', () => {
    const under = 'aaaabbbcccdddeef'; // counts 4,3,3,3,2,1
    const at = 'aaaabbbbccddeeff'; // counts 4,4,2,2,2,2
    expect(shannonEntropy(under)).toBeCloseTo(2.4835, 4);
    expect(shannonEntropy(at)).toBe(2.5);
    expect(isPlaceholderBody(under)).toBe(true);
    expect(isPlaceholderBody(at)).toBe(false);
  });

  test('is the value docs/detection.md documents', () => {
    const docs = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'detection.md'), 'utf8');
    const documented = /entropy is below \*\*([0-9.]+) bits per\s+character\*\*/.exec(docs);
    expect(documented?.[1]).toBe(PLACEHOLDER_ENTROPY_THRESHOLD.toFixed(1));
  });

  test.each([
    ['x'.repeat(16)],
    ['X'.repeat(20)],
    ['0'.repeat(16)],
    ['a'.repeat(32)],
    ['ab'.repeat(8)],
    ['ab'.repeat(32)],
    ['aaaabbbbccccdddd'],
    ['abcdabcdabcdabcd'],
    ['xxxxxxxxxxxx1234'],
  ])('%s is a placeholder', (body) => {
    expect(isPlaceholderBody(body)).toBe(true);
  });

  test.each([['1234567890abcdef'], ['abcdefghabcdefgh'], ['AbCdEfGh12345678']])(
    '%s is not a placeholder (entropy >= 2.5)',
    (body) => {
      expect(isPlaceholderBody(body)).toBe(false);
    },
  );

  // The exact false-negative rate of the threshold for random base62 bodies of each length.
  test('a random 16-character base62 body falls under 2.5 bits with probability about 2e-8', () => {
    const p = exactProbabilityUnder(16, 62, PLACEHOLDER_ENTROPY_THRESHOLD);
    expect(p).toBeGreaterThan(1e-8);
    expect(p).toBeLessThan(3e-8);
    // The threshold it replaced, 3.0, missed about one random 16-character token in 16,000.
    expect(exactProbabilityUnder(16, 62, 3.0)).toBeGreaterThan(6.2e-5);
  });

  test('it shrinks fast with the length: below 1e-10 at 20 characters, 1e-15 at 32', () => {
    expect(exactProbabilityUnder(20, 62, PLACEHOLDER_ENTROPY_THRESHOLD)).toBeLessThan(1e-10);
    expect(exactProbabilityUnder(32, 62, PLACEHOLDER_ENTROPY_THRESHOLD)).toBeLessThan(1e-15);
  });

  const sample16 = describeSample(16);
  test(`${SAMPLES} seeded random 16-char bodies: none under the threshold, min entropy ${sample16.min.toFixed(3)}`, () => {
    expect(sample16.under).toBe(0);
    expect(sample16.min).toBeGreaterThan(PLACEHOLDER_ENTROPY_THRESHOLD);
  });

  for (const length of [32, 64]) {
    const sample = describeSample(length);
    test(`${SAMPLES} seeded random ${length}-char bodies: none under the threshold, min entropy ${sample.min.toFixed(3)}`, () => {
      expect(sample.under).toBe(0);
      expect(sample.min).toBeGreaterThan(PLACEHOLDER_ENTROPY_THRESHOLD);
    });
  }
});
