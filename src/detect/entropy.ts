/**
 * Placeholder detection by Shannon entropy.
 *
 * A real token body is random base62: 16 random characters carry about 3.7 bits per character
 * and 64 carry about 5.6. Placeholders written by people (`xxxxxxxxxxxxxxxx`, `0000…`,
 * `aaaabbbbccccdddd`, `abababab…`) repeat a handful of characters and sit at or below 2 bits.
 * The threshold of 2.5 bits per character sits between the two: every repetitive placeholder
 * stays under it, while a random base62 body falls under it with probability about 2e-8 at 16
 * characters (the seed document's shortest form) and never in practice at 32 or 64 (real
 * tokens); the unit test computes these exactly. (3.0 would have missed about 1 random
 * 16-character token in 16,000: missing a real token costs more than flagging an odd
 * placeholder, which `seg-hook:allow` settles.)
 */
export const PLACEHOLDER_ENTROPY_THRESHOLD = 2.5;

/** Shannon entropy of `text` in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  let total = 0; // characters (code points), not UTF-16 units: the same unit as the counts
  for (const ch of text) {
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    total += 1;
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / total;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export function isPlaceholderBody(body: string): boolean {
  return shannonEntropy(body) < PLACEHOLDER_ENTROPY_THRESHOLD;
}
