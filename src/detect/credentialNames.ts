/**
 * The one definition of "Segment-ness": the seed document's Segment credential names, as
 * words. The assignment rule matches names ending with one of them; the needles (git -G, git
 * grep, the scanner's fast lane) are rendered from the same words (findingNeedles.ts); the
 * scanner's byte-level check looks for their common first word.
 */
export const SEGMENT_WORD = 'segment';

/** SEGMENT_API_TOKEN, SEGMENT_TOKEN, SEGMENT_KEY, SEGMENT_SECRET, SEGMENT_ACCESS_TOKEN. */
export const CREDENTIAL_NAME_WORDS: readonly (readonly string[])[] = [
  ['api', 'token'],
  ['token'],
  ['key'],
  ['secret'],
  ['access', 'token'],
].map((rest) => [SEGMENT_WORD, ...rest]);

/** Names normalised to lower-case letters/digits (`segmentapitoken`, …). */
export const CREDENTIAL_NAMES = CREDENTIAL_NAME_WORDS.map((words) => words.join(''));

/** A regex source matching `word` in any case, one character class per letter. */
export function anyCaseSource(word: string): string {
  return [...word]
    .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch))
    .join('');
}
