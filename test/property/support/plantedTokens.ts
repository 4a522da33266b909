/**
 * Tokens for the property suite, derived from the scenario (salt + a counter) instead of
 * crypto randomness, so that a seed replays the exact same repository byte for byte.
 * Each call returns a new token: every planted token is unique within a scenario.
 */
import { createHash } from 'node:crypto';
import { EncodingName } from '../../helpers/encodings';
import { PREFIX } from '../../helpers/tokens';

/** A token planted under encodings, and the text written for it. */
export interface EncodedPlanting {
  token: string;
  chain: EncodingName[];
  text: string;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Bits per character: real bodies are random, never a repetitive placeholder. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function body(seed: string, length: number): string {
  let result = '';
  for (let block = 0; result.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}/${block}`).digest()) {
      result += BASE62[byte % BASE62.length];
    }
  }
  return result.slice(0, length);
}

export class TokenFactory {
  private counter = 0;
  readonly tokens: string[] = [];
  readonly encoded: EncodedPlanting[] = [];

  constructor(private readonly salt: number) {}

  /** A fresh token with `bodyLength` characters: clearly random, never all hex (Sourcegraph's shape). */
  next(bodyLength: number): string {
    for (let attempt = 0; ; attempt++) {
      const candidate = body(
        `seg-hook-property/${this.salt}/${this.counter}/${attempt}`,
        bodyLength,
      );
      // A digit before the last four characters: never a body of words (an identifier),
      // whatever the letters spell (words may end in up to four digits: wordBody.ts).
      if (
        entropy(candidate) < 3.5 ||
        /^[0-9a-f]*$/.test(candidate) ||
        !/[0-9]/.test(candidate.slice(0, -4))
      )
        continue;
      this.counter += 1;
      const token = PREFIX + candidate;
      this.tokens.push(token);
      return token;
    }
  }
}
