/**
 * Placeholder detection by Shannon entropy.
 *
 * A real token body is random base62: 16 random characters carry about 3.7 bits per character
 * and 64 carry about 5.6. Placeholders written by people (`xxxxxxxxxxxxxxxx`, `0000…`,
 * `aaaabbbbccccdddd`, `abababab…`) repeat a handful of characters and sit at or below 2 bits.
 * The threshold of 3.0 bits per character sits between the two: a random 16-character base62
 * body falls under it with probability far below one in a million (see the unit test that
 * samples it), while every repetitive placeholder stays under it.
 */
export const PLACEHOLDER_ENTROPY_THRESHOLD = 3.0;

/** Shannon entropy of `text` in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export function isPlaceholderBody(body: string): boolean {
  return shannonEntropy(body) < PLACEHOLDER_ENTROPY_THRESHOLD;
}
