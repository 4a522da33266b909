/**
 * What a line must contain before any rule can report on it: `sgp_` (the token rules), a
 * Segment credential name (the assignment rule: the words of credentialNames.ts with any
 * separators between, in any case), or a piece of an encoded `sgp_` (decode/gateForms.ts).
 * Lines without one are skipped wholesale: by git (`-G`, git grep) and by the scanner's fast
 * lane. Both renderings below come from the same list of parts; a unit test holds them to the
 * rules and to each other.
 */
import { gatePieces } from '../decode/gateForms';
import { BUILT_NEEDLE_SOURCES, NeedleSources } from './builtNeedles';
import { anyCaseSource, CREDENTIAL_NAME_WORDS, SEGMENT_WORD } from './credentialNames';
import { TOKEN_PREFIX } from './tokenRules';

type Dialect = 'ere' | 'pcre' | 'js';

function escapeChar(ch: string, dialect: Dialect, hexAnyCase: boolean): string {
  // NUL cannot be passed to git in an argument: in POSIX ERE, any byte outside printable ASCII
  // stands for it (PCRE has an escape, and is faster with it: non-ASCII text no longer starts
  // a candidate match).
  if (ch === '\0') return dialect === 'ere' ? '[^ -~]' : '\\x00';
  if (hexAnyCase && /[a-fA-F]/.test(ch)) return anyCaseSource(ch);
  return /[.*+?^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

function separators(dialect: Dialect): string {
  // In JS the pattern runs over whole chunks: a separator run must not cross a line.
  return dialect === 'js' ? '[^A-Za-z0-9\\n]*' : '[^A-Za-z0-9]*';
}

/** A literal (a form of `sgp_`) as a JavaScript regex source; hex digits in either case if asked. */
export function literalSource(text: string, hexAnyCase: boolean): string {
  return [...text].map((ch) => escapeChar(ch, 'js', hexAnyCase)).join('');
}

/** SEGMENT + separators + one of the names' remaining words, in any case. */
function credentialNameSource(dialect: Dialect): string {
  const sep = separators(dialect);
  const rests = CREDENTIAL_NAME_WORDS.map((words) =>
    words
      .slice(1)
      .map((word) => anyCaseSource(word))
      .join(sep),
  );
  return `${anyCaseSource(SEGMENT_WORD)}${sep}(${rests.join('|')})`;
}

/** The encoded pieces, grouped by their first character (one alternative each for the engine). */
function encodedSource(dialect: Dialect): string[] {
  const groups = new Map<string, string[]>();
  for (const { text, form } of gatePieces(TOKEN_PREFIX)) {
    const chars = [...text].map((ch) => escapeChar(ch, dialect, form.hexAnyCase));
    const rest = chars.slice(1).join('');
    groups.set(chars[0], [...(groups.get(chars[0]) ?? []), rest]);
  }
  return [...groups].map(([first, rests]) =>
    rests.length === 1 ? first + rests[0] : `${first}(${rests.join('|')})`,
  );
}

/** Every rendering of the needles, as the hook's bundle carries them (builtNeedles.ts). */
export function computeNeedleSources(): NeedleSources {
  const whole = (dialect: Dialect): string =>
    [TOKEN_PREFIX, credentialNameSource(dialect), ...encodedSource(dialect)].join('|');
  return {
    ere: whole('ere'),
    pcre: whole('pcre'),
    js: whole('js'),
    encodedJs: encodedSource('js').join('|'),
  };
}

let sources: NeedleSources | undefined;

function needleSources(): NeedleSources {
  sources ??= BUILT_NEEDLE_SOURCES ?? computeNeedleSources();
  return sources;
}

/**
 * Only the encoded pieces, for JavaScript: whether a line (or a segment of one) is worth
 * decoding at all.
 */
export function encodedNeedlePattern(): RegExp {
  return new RegExp(needleSources().encodedJs);
}

/**
 * POSIX extended regex for `git diff -G` and git grep -E (matched per line, in the C locale).
 * A function, not a constant: only a large commit needs it, and every commit loads this module.
 */
export function needleEre(): string {
  return needleSources().ere;
}

/** The same for git grep -P (PCRE). */
export function needlePcre(): string {
  return needleSources().pcre;
}

/**
 * The same for JavaScript, over a chunk decoded as latin1 (one character per byte, so match
 * offsets are byte offsets).
 */
export function needlePattern(): RegExp {
  return new RegExp(needleSources().js, 'g');
}
