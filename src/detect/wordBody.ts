/**
 * Bodies made of words are identifiers or written placeholders, not tokens.
 *
 * `sgp_` is a common prefix in real code (Singapore, same-game parlays, "Sistema de Gestão…"):
 * the prefix before `getResultsForSeason` or `gatewaypagamentos`. People also write placeholders
 * with words (`YourSegmentTokenHere`, `EXAMPLEEXAMPLEEXAMPLE` after it) whose entropy is too high for
 * the entropy check. A body is made of words when it is one lower-case or one upper-case
 * word, or camelCase/PascalCase — every word with a vowel and no run of more than four
 * consonants, as written words do and random letters mostly do not; a hump of one or two
 * letters (`A`, `I`, `Me`, `By`: `ChangeMeBeforeDeploying`) counts when it has a vowel and a
 * longer word ends the body — optionally followed by up to four digits (`Season2024`, a year
 * or a version). Any other digit makes it no words.
 *
 * The rule is a finite automaton over five classes of characters (wordBody.test.ts computes
 * from it exactly how often a random base62 body is mistaken for words: 1.4e-4 at 16
 * characters (1 in 7,250), 1.9e-5 at 20, 4.4e-8 at 32 and 4.6e-15 at 64, the real form).
 */
export type CharClass = 'lowerVowel' | 'lowerConsonant' | 'upperVowel' | 'upperConsonant' | 'other';

/** How many characters of base62 fall in each class (for the recall computation). */
export const BASE62_CLASS_SIZES: Record<CharClass, number> = {
  lowerVowel: 6,
  lowerConsonant: 20,
  upperVowel: 6,
  upperConsonant: 20,
  other: 10,
};

const MAX_CONSONANT_RUN = 4;

/** Digits that may end the body after its last word (`Season2024`, `Handler2`). */
const MAX_TRAILING_DIGITS = 4;

/** Shape of the body so far. */
type Shape =
  | 'start'
  | 'firstUpper' // one capital so far: PascalCase or ALL-CAPS follows
  | 'lower' // the first word, lower-case
  | 'upper' // ALL-CAPS
  | 'humpCapital' // a capital that begins a hump
  | 'humpOne' // the hump's first lower-case letter
  | 'humpMore' // two or more: the hump is a word
  | 'digits'; // digits after the last word: nothing but digits may follow

export interface WordState {
  shape: Shape;
  /** The current word has a vowel. */
  vowel: boolean;
  consonants: number;
  /** Trailing digits so far. */
  digits: number;
}

export const START: WordState = { shape: 'start', vowel: false, consonants: 0, digits: 0 };

export function classOf(code: number): CharClass {
  const lower = code | 0x20;
  if (lower < 0x61 || lower > 0x7a) return 'other';
  const vowel = 'aeiouy'.includes(String.fromCharCode(lower));
  if (code === lower) return vowel ? 'lowerVowel' : 'lowerConsonant';
  return vowel ? 'upperVowel' : 'upperConsonant';
}

/** The next state, or null when the body can no longer be made of words. */
export function step(state: WordState, cls: CharClass): WordState | null {
  if (cls === 'other') return stepDigit(state);
  const upper = cls === 'upperVowel' || cls === 'upperConsonant';
  const vowel = cls === 'lowerVowel' || cls === 'upperVowel';
  let shape: Shape;
  let newWord = false;
  switch (state.shape) {
    case 'start':
      shape = upper ? 'firstUpper' : 'lower';
      break;
    case 'firstUpper':
      shape = upper ? 'upper' : 'lower';
      break;
    case 'upper':
      if (!upper) return null;
      shape = 'upper';
      break;
    case 'lower':
    case 'humpMore':
      if (upper) {
        if (!state.vowel) return null; // the word that ends here had no vowel
        shape = 'humpCapital';
        newWord = true;
      } else shape = state.shape;
      break;
    case 'humpCapital':
    case 'humpOne':
      if (upper) {
        // A hump of one or two letters is a word when it has a vowel (`A`, `I`, `Me`, `By`).
        if (!state.vowel) return null;
        shape = 'humpCapital';
        newWord = true;
      } else shape = state.shape === 'humpCapital' ? 'humpOne' : 'humpMore';
      break;
    case 'digits':
      return null;
  }
  const consonants = vowel ? 0 : (newWord ? 0 : state.consonants) + 1;
  if (consonants > MAX_CONSONANT_RUN) return null;
  return { shape, vowel: vowel || (!newWord && state.vowel), consonants, digits: 0 };
}

/** A digit: the body may end with up to MAX_TRAILING_DIGITS of them, after a whole word. */
function stepDigit(state: WordState): WordState | null {
  if (state.shape === 'digits') {
    return state.digits < MAX_TRAILING_DIGITS ? { ...state, digits: state.digits + 1 } : null;
  }
  return isAccepting(state) ? { shape: 'digits', vowel: false, consonants: 0, digits: 1 } : null;
}

export function isAccepting(state: WordState): boolean {
  if (state.shape === 'digits') return true;
  return (
    state.vowel &&
    (state.shape === 'lower' || state.shape === 'upper' || state.shape === 'humpMore')
  );
}

export function isWordBody(body: string): boolean {
  let state: WordState | null = START;
  for (let i = 0; i < body.length && state; i++) state = step(state, classOf(body.charCodeAt(i)));
  return state !== null && isAccepting(state);
}
