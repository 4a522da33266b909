/**
 * What a line must contain before any rule can report on it: `sgp_` (the token rules), a
 * Segment credential name (the assignment rule: the words of credentialNames.ts with any
 * separators between, in any case), or a piece of an encoded `sgp_` (decode/gate.ts).
 * Lines without one are skipped wholesale: by git grep (the new files of a large commit) and
 * by the scanner's fast lane. Both renderings below come from the same list of parts; a unit test holds them to the
 * rules and to each other. The encoded pieces and the wrapped lines are decode/gate.ts's.
 */
import { gateSource, runSource, softBreakSource } from '../decode/gate';
import { Dialect } from '../decode/needleSource';
import { BUILT_NEEDLE_SOURCES, NeedleSources } from './builtNeedles';
import { anyCaseSource, CREDENTIAL_NAME_WORDS, SEGMENT_WORD } from './credentialNames';
import { TOKEN_PREFIX } from './tokenRules';

function separators(dialect: Dialect): string {
  // In JS the pattern runs over whole chunks: a separator run must not cross a line.
  return dialect === 'js' ? '[^A-Za-z0-9\\n]*' : '[^A-Za-z0-9]*';
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

/** Every rendering of the needles, as the hook's bundle carries them (builtNeedles.ts). */
export function computeNeedleSources(): NeedleSources {
  const whole = (dialect: Dialect): string =>
    [TOKEN_PREFIX, credentialNameSource(dialect), gateSource(TOKEN_PREFIX)].join('|');
  // git keeps or drops whole files by their lines: a long run of letters and digits (base64
  // or hex of an encoded token) and a wrapped line keep their file, and the scanner joins a
  // wrapped line to the next. The JS fast lane asks decode/runs.ts hasAlnumRun and
  // decode/gate.ts wrapOf instead: a loop over the bytes beats a regex there.
  return {
    pcre: [whole('pcre'), runSource('pcre'), softBreakSource()].join('|'),
    js: whole('js'),
    encodedJs: gateSource(TOKEN_PREFIX),
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
 * PCRE for git grep -P (matched per line, in the C locale). A function, not a constant: only
 * a large commit needs it, and every commit loads this module.
 */
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
